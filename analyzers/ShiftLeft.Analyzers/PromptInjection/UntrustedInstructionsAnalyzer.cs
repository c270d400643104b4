using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Rules;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.PromptInjection
{
    /// <summary>
    /// SL0006: data an attacker controls (the untrusted-source catalogue SL0002 uses, plain parameters excluded) reaches
    /// a system or developer message or the instructions of a model or agent (<see cref="InstructionSinks"/>), or a
    /// Semantic Kernel template switches off its encoding (<c>AllowDangerouslySetContent = true</c>) while the member
    /// hands it such data (<see cref="DangerousTemplateContent"/>). Reported on the expression that puts the value into
    /// the instructions, or on the flag. A guardrail does not make it safe: the fix is structural.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UntrustedInstructionsAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic.Properties key: the <see cref="RoleFix"/> the code fix may apply ("None" for none).</summary>
        public const string RoleFixProperty = "ShiftLeftRoleFix";

        /// <summary>Diagnostic.Properties key present on the AllowDangerouslySetContent finding.</summary>
        public const string DangerousFlagProperty = "ShiftLeftDangerousFlag";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RuleCatalog.UntrustedInputInInstructions);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, shiftLeft) =>
            {
                var sinks = InstructionSinks.Create(shiftLeft);
                var flags = DangerousTemplateContent.Create(shiftLeft);
                var callers = new CallerArguments(shiftLeft);
                if (sinks is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeSink(c, shiftLeft, sinks, callers), OperationKind.ObjectCreation, OperationKind.Invocation);
                }

                if (sinks is not null || flags is not null)
                {
                    // One callback per assignment for both questions: an instructions property, a template flag.
                    start.RegisterOperationAction(
                        c =>
                        {
                            if (sinks is not null)
                            {
                                AnalyzeSink(c, shiftLeft, sinks, callers);
                            }

                            if (flags is not null)
                            {
                                AnalyzeFlag(c, shiftLeft, flags);
                            }
                        },
                        OperationKind.SimpleAssignment);
                }
            });
        }

        private static void AnalyzeSink(OperationAnalysisContext context, ShiftLeftCompilation shiftLeft, InstructionSinks sinks, CallerArguments callers)
        {
            // The cheap trigger: a symbol comparison; the flow runs only for a sink given a non-constant value.
            if (!sinks.TryGet(context.Operation, out var sink) || !GeneratedCode.ShouldAnalyze(context.IsGeneratedCode, context.Operation.Syntax.SyntaxTree))
            {
                return;
            }

            var facts = MemberFacts.Gather(OperationScope.GetMemberRoot(sink.Value));
            var sources = shiftLeft.Untrusted.Of(sink.Value, facts);
            string origin;
            if (AttackerControlled.FirstOf(sources) is { } source)
            {
                origin = Capitalized(source.Description);
            }
            else if (sources.Any(UntrustedSourceKind.Parameter) && callers.FirstSource(sink.Value, facts, shiftLeft.Untrusted, AttackerControlled.FirstOf) is { } passed)
            {
                origin = Capitalized(passed.Source.Description) + CallerArguments.PassedBy(passed.Through);
            }
            else
            {
                return;
            }

            var message = origin + " reaches " + sink.What
                + ": whoever controls it can rewrite the model's instructions, and a guardrail does not prevent that; keep the instructions constant and send the value in a user-role message";
            Report(context, sink.Reported.Syntax, message, ImmutableDictionary<string, string?>.Empty.Add(RoleFixProperty, sink.Fix.ToString()));
        }

        private static void AnalyzeFlag(OperationAnalysisContext context, ShiftLeftCompilation shiftLeft, DangerousTemplateContent flags)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!flags.IsSwitchedOn(assignment, out var variable) || !GeneratedCode.ShouldAnalyze(context.IsGeneratedCode, assignment.Syntax.SyntaxTree))
            {
                return;
            }

            var root = OperationScope.GetMemberRoot(assignment);
            MemberFacts? facts = null;
            foreach (var (key, value) in flags.ArgumentsOf(root, variable))
            {
                facts ??= MemberFacts.Gather(root);
                if (AttackerControlled.FirstOf(shiftLeft.Untrusted.Of(value, facts)) is { } source)
                {
                    var argument = key is null ? "a template argument" : "the template argument '" + key + "'";
                    var message = "AllowDangerouslySetContent = true stops Semantic Kernel encoding " + argument + ", which carries " + source.Description
                        + ": its text can close the message it sits in and add a system message; remove the flag";
                    Report(context, assignment.Syntax, message, ImmutableDictionary<string, string?>.Empty.Add(DangerousFlagProperty, "true"));
                    return;
                }
            }
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode syntax, string message, ImmutableDictionary<string, string?> properties)
        {
            var location = syntax.GetLocation();
            if (!GeneratedCode.IsReportable(location, context.IsGeneratedCode))
            {
                return;
            }

            var rule = RuleCatalog.UntrustedInputInInstructions;
            var identity = FindingIdentity.Properties(rule.Id, context.ContainingSymbol, syntax, syntax.Span);
            context.ReportDiagnostic(Diagnostic.Create(rule, location, identity.AddRange(properties), message));
        }

        private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
