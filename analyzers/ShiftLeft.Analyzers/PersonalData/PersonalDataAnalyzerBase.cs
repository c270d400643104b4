using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.PersonalData.Flow;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>
    /// Shared registration of SL0003 and SL0004. Per method: a cheap trigger (operation actions that only look at
    /// symbols, with per-symbol caches) notes whether the method has a personal-data source and a sink of the rule's
    /// kind; only when it has both is the control-flow graph built and the flow analysis run, at block end.
    /// The flow result is shared between the two rules through a weak cache keyed by the method's operation tree.
    /// </summary>
    public abstract class PersonalDataAnalyzerBase : DiagnosticAnalyzer
    {
        /// <summary>
        /// Diagnostic property: the spans (<c>start:length</c>, separated by <c>;</c>) of the expressions where the
        /// personal data entered the logged or sent value, in the diagnostic's document: where a fix wraps the redaction.
        /// </summary>
        public const string FixTargetsProperty = "FixTargets";

        private static readonly ConditionalWeakTable<IOperation, FlowFindings> SharedResults = new ConditionalWeakTable<IOperation, FlowFindings>();
        private static readonly ConditionalWeakTable<IOperation, StrongBox<bool>> SharedSourceChecks = new ConditionalWeakTable<IOperation, StrongBox<bool>>();

        private protected abstract SinkKind Kind { get; }

        private protected abstract DiagnosticDescriptor Rule { get; }

        /// <inheritdoc />
        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        /// <inheritdoc />
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, shiftLeft) =>
            {
                var rules = PersonalDataRules.Get(shiftLeft, start.Options);
                start.RegisterOperationBlockStartAction(block => RegisterTrigger(block, rules));
            });
        }

        private protected abstract string FormatMessage(FlowFinding finding);

        private void RegisterTrigger(OperationBlockStartAnalysisContext block, PersonalDataRules rules)
        {
            // Middleware forwards prompts built elsewhere; the call that built them is the finding (SL0004 only).
            if (Kind == SinkKind.Model && rules.IsInsideModelClient(block.OwningSymbol))
                return;

            // Sinks are rare (one callback per invocation, cached per method); sources are only looked for, by one
            // walk of the method's operations, in methods that have a sink.
            var trigger = new Trigger();
            block.RegisterOperationAction(
                context =>
                {
                    if (!trigger.HasSink && rules.IsSinkOf((IInvocationOperation)context.Operation, Kind))
                        trigger.HasSink = true;
                },
                OperationKind.Invocation);
            block.RegisterOperationBlockEndAction(context =>
            {
                if (trigger.HasSink && context.OperationBlocks.Any(operationBlock => ContainsSource(operationBlock, rules)))
                    AnalyzeBlocks(context, rules);
            });
        }

        /// <summary>Shared by both rules through a weak cache: the walk runs once per method.</summary>
        private static bool ContainsSource(IOperation operationBlock, PersonalDataRules rules) =>
            SharedSourceChecks.GetValue(operationBlock, block => new StrongBox<bool>(Walk(block, rules))).Value;

        /// <summary>Iterative pre-order walk (no recursive iterators): stops at the first source.</summary>
        private static bool Walk(IOperation operationBlock, PersonalDataRules rules)
        {
            var pending = new Stack<IOperation>();
            pending.Push(operationBlock);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                if (IsSource(operation, rules))
                    return true;
                foreach (var child in operation.ChildOperations)
                    pending.Push(child);
            }

            return false;
        }

        private static bool IsSource(IOperation operation, PersonalDataRules rules)
        {
            switch (operation)
            {
                case IFieldReferenceOperation field:
                    return rules.IsPersonalData(field.Field);
                case IPropertyReferenceOperation property:
                    return !property.Property.IsIndexer && rules.IsPersonalData(property.Property);
                case IParameterReferenceOperation parameter:
                    return rules.IsPersonalData(parameter.Parameter);
                case ILocalReferenceOperation local:
                    return rules.IsPersonalData(local.Local);
                case ILiteralOperation literal:
                    return literal.ConstantValue.HasValue && literal.ConstantValue.Value is string text && PersonalDataLiterals.Describe(text) is not null;
                default:
                    return false;
            }
        }

        private void AnalyzeBlocks(OperationBlockAnalysisContext context, PersonalDataRules rules)
        {
            var analyzed = new System.Collections.Generic.HashSet<IOperation>();
            foreach (var block in context.OperationBlocks)
            {
                // A method's blocks (body, parameter defaults, attribute arguments) hang under one root; one graph per root.
                var root = block;
                while (root.Parent is not null)
                    root = root.Parent;
                if (!IsGraphRoot(root) || !analyzed.Add(root))
                    continue;
                try
                {
                    var findings = SharedResults.GetValue(root, _ => RunFlow(context, block, rules, context.CancellationToken));
                    foreach (var finding in findings.All.Where(f => f.Kind == Kind).OrderBy(f => f.Argument.Syntax.SpanStart))
                        context.ReportDiagnostic(CreateDiagnostic(finding));
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
                catch (Exception)
                {
#if DEBUG
                    // Debug builds (the tests) surface analysis bugs as AD0001 instead of hiding them.
                    throw;
#else
                    // Never fail the build: broken or unusual code that defeats the analysis simply yields no finding.
#endif
                }
            }
        }

        private static FlowFindings RunFlow(OperationBlockAnalysisContext context, IOperation block, PersonalDataRules rules, CancellationToken cancellationToken)
        {
            var graph = context.GetControlFlowGraph(block);
            return PersonalDataFlowAnalysis.Analyze(graph, rules, cancellationToken);
        }

        private static bool IsGraphRoot(IOperation root) =>
            root.Kind == OperationKind.MethodBody
            || root.Kind == OperationKind.ConstructorBody
            || root.Kind == OperationKind.Block
            || root.Kind == OperationKind.FieldInitializer
            || root.Kind == OperationKind.PropertyInitializer;

        private Diagnostic CreateDiagnostic(FlowFinding finding)
        {
            var tree = finding.Argument.Syntax.SyntaxTree;
            var targets = string.Join(
                ";",
                finding.FixTargets()
                    .Where(node => node.SyntaxTree == tree)
                    .Select(node => node.Span.Start.ToString(CultureInfo.InvariantCulture) + ":" + node.Span.Length.ToString(CultureInfo.InvariantCulture)));
            var properties = ImmutableDictionary<string, string?>.Empty.Add(FixTargetsProperty, targets);
            return Diagnostic.Create(Rule, finding.Argument.Syntax.GetLocation(), properties, FormatMessage(finding));
        }

        private sealed class Trigger
        {
            public volatile bool HasSink;
        }
    }
}
