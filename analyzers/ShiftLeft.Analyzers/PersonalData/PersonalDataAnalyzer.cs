using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.PersonalData.Flow;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>
    /// SL0003 (personal data reaches a log: ILogger, [LoggerMessage], audit-log methods, Console, Debug/Trace, Serilog)
    /// and SL0004 (personal data reaches the prompt / messages of a model call), each without passing a redactor. One
    /// analyzer for both: per member, a cheap trigger (a look at the called methods in the member's shared operation
    /// listing, with per-method caches) finds whether it has a sink of either kind; only then are its operations searched for a personal-data
    /// source, and only when it has one is the control-flow graph built and the flow analysis run, once, for both rules.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PersonalDataAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>
        /// Diagnostic property: the spans (<c>start:length</c>, separated by <c>;</c>) of the expressions where the
        /// personal data entered the logged or sent value, in the diagnostic's document: where a fix wraps the redaction.
        /// </summary>
        public const string FixTargetsProperty = "FixTargets";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(RuleCatalog.PersonalDataWrittenToLog, RuleCatalog.PersonalDataSentToModel);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, shiftLeft) =>
            {
                var rules = PersonalDataRules.Get(shiftLeft, start.Options);
                start.RegisterOperationBlockAction(block => AnalyzeMember(block, rules));
            });
        }

        private static void AnalyzeMember(OperationBlockAnalysisContext context, PersonalDataRules rules)
        {
            if (context.OperationBlocks.IsEmpty || !GeneratedCode.ShouldAnalyze(context.IsGeneratedCode, context.OperationBlocks[0].Syntax.SyntaxTree))
                return;

            // Middleware forwards prompts built elsewhere; the call that built them is the finding (SL0004 only).
            var modelSinksCount = !rules.IsInsideModelClient(context.OwningSymbol);

            // The cheap trigger, in one callback per member (no per-member registrations): a look at the member's text
            // rules out most members, which name no source; one walk of the rest looks for a sink (a log or model call;
            // the called method's role is cached) and a personal-data source, and stops when it has both; only a member
            // with both gets a control-flow graph and the flow.
            if (rules.Mentions.MayReadPersonalData(context.OperationBlocks) && SinkAndSourceSearch.HasSinkAndSource(context.OperationBlocks, rules, modelSinksCount, context.OwningSymbol))
                AnalyzeBlocks(context, rules, modelSinksCount);
        }

        private static void AnalyzeBlocks(OperationBlockAnalysisContext context, PersonalDataRules rules, bool modelSinksCount)
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
                var findings = RunFlow(context, block, rules, modelSinksCount ? rules.ToolName(context.OwningSymbol) : null, context.CancellationToken);
                foreach (var finding in findings.All.Where(f => f.Kind == SinkKind.Log || modelSinksCount).OrderBy(f => f.Argument.Syntax.SpanStart))
                {
                    var diagnostic = CreateDiagnostic(finding, context.OwningSymbol);
                    if (GeneratedCode.IsReportable(diagnostic.Location, context.IsGeneratedCode))
                        context.ReportDiagnostic(diagnostic);
                }
            }
        }

        private static FlowFindings RunFlow(OperationBlockAnalysisContext context, IOperation block, PersonalDataRules rules, string? toolName, CancellationToken cancellationToken)
        {
            var graph = context.GetControlFlowGraph(block);
            // The graph's operations have no semantic model; the rules read the member as written through the block's.
            return PersonalDataFlowAnalysis.Analyze(graph, rules.InMember(block.SemanticModel), toolName, cancellationToken);
        }

        private static bool IsGraphRoot(IOperation root) =>
            root.Kind == OperationKind.MethodBody
            || root.Kind == OperationKind.ConstructorBody
            || root.Kind == OperationKind.Block
            || root.Kind == OperationKind.FieldInitializer
            || root.Kind == OperationKind.PropertyInitializer;

        private static Diagnostic CreateDiagnostic(FlowFinding finding, ISymbol member)
        {
            var tree = finding.Argument.Syntax.SyntaxTree;
            var targets = string.Join(
                ";",
                finding.FixTargets()
                    .Where(node => node.SyntaxTree == tree)
                    .Select(node => node.Span.Start.ToString(CultureInfo.InvariantCulture) + ":" + node.Span.Length.ToString(CultureInfo.InvariantCulture)));
            var rule = finding.Kind == SinkKind.Log ? RuleCatalog.PersonalDataWrittenToLog : RuleCatalog.PersonalDataSentToModel;
            var syntax = finding.Argument.Syntax;
            var properties = FindingIdentity.Properties(rule.Id, member, syntax, syntax.Span).Add(FixTargetsProperty, targets);
            var message = finding.Kind == SinkKind.Log ? PersonalDataWrittenToLog.FormatMessage(finding) : PersonalDataSentToModel.FormatMessage(finding);
            return Diagnostic.Create(rule, syntax.GetLocation(), properties, message);
        }
    }
}
