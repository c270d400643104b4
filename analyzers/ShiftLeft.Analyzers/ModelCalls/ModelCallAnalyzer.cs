using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Rules;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// SL0001 (a model call whose request or response is not logged and whose client pipeline does not log) and SL0002
    /// (a generative model call whose prompt carries outside data and passes through no guardrail, its result neither). One analyzer for both because they
    /// ask about the same call: each model call is found, and its member's facts gathered, once for the two rules
    /// (two analyzers meant two passes, or a shared cache that cost more in locking than the work it saved).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelCallAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(RuleCatalog.ModelCallNotAuditLogged, RuleCatalog.ModelCallWithoutGuardrail);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, shiftLeft) =>
            {
                var analysis = ModelCallAnalysis.For(shiftLeft);
                var callers = new CallerArguments(shiftLeft);
                start.RegisterOperationAction(operationContext => AnalyzeInvocation(operationContext, analysis, callers), OperationKind.Invocation);
            });
        }

        // An operation action, not a search of every member: the driver already visits every invocation for its own
        // operation actions, so finding the (rare) model calls this way costs one cheap check per invocation. Only a
        // member with a model call has its facts gathered.
        private static void AnalyzeInvocation(OperationAnalysisContext context, ModelCallAnalysis analysis, CallerArguments callers)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!GeneratedCode.ShouldAnalyze(context.IsGeneratedCode, invocation.Syntax.SyntaxTree))
                return;

            if (!analysis.TryGetApplicationCall(invocation, context.ContainingSymbol, out var call))
                return;

            var shiftLeft = analysis.ShiftLeft;

            var facts = ModelCallAnalysis.FactsFor(invocation);

            var values = new CallValues(facts, call);
            var location = ModelCallLocation.Of(invocation);
            if (!GeneratedCode.IsReportable(location, context.IsGeneratedCode))
                return;

            if (!analysis.IsAuditLogged(call, facts, values) && !analysis.IsInProcessEmbedding(call, values))
                context.ReportDiagnostic(Diagnostic.Create(RuleCatalog.ModelCallNotAuditLogged, location, ModelCallLocation.Identity(RuleCatalog.ModelCallNotAuditLogged, context.ContainingSymbol, invocation), ModelCallNotAuditLogged.FormatMessage(call, ModelCallStacks.Of(shiftLeft, call), shiftLeft.Options)));
            if (call.Kind == ModelCallKind.Generative && !analysis.IsGuarded(call, context.ContainingSymbol, facts, values))
            {
                // Outside data is asked about only for an unguarded call: the flow runs where a finding is possible.
                var sources = shiftLeft.Untrusted.PromptOf(call, facts);
                string? through = null;

                // A helper's prompt made of its own parameters: what its callers pass, when every caller is in view.
                if (!shiftLeft.Options.GuardAllCalls && OnlyParameters(sources)
                    && callers.PassedToHelper(call, facts, context.ContainingSymbol) is { } passed)
                {
                    sources = passed.Source is { } source ? UntrustedSources.From(source) : UntrustedSources.None;
                    through = passed.Through;
                }

                if (!sources.IsEmpty || shiftLeft.Options.GuardAllCalls)
                    context.ReportDiagnostic(Diagnostic.Create(RuleCatalog.ModelCallWithoutGuardrail, location, ModelCallLocation.Identity(RuleCatalog.ModelCallWithoutGuardrail, context.ContainingSymbol, invocation), ModelCallWithoutGuardrail.FormatMessage(call, ModelCallStacks.Of(shiftLeft, call), sources, through)));
            }
        }

        /// <summary>Every source is a method parameter (plain, or holding chat messages): the only prompts a helper's callers can decide.</summary>
        private static bool OnlyParameters(UntrustedSources sources)
        {
            if (sources.IsEmpty)
            {
                return false;
            }

            foreach (var source in sources.All)
            {
                if (source.Kind is not (UntrustedSourceKind.Parameter or UntrustedSourceKind.ChatMessages))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
