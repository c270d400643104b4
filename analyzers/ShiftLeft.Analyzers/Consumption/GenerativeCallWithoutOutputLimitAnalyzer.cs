using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.ModelCalls;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.Consumption
{
    /// <summary>
    /// SL0010: a generative model call whose output length nothing bounds — neither its settings (options, execution
    /// settings, kernel arguments, a request object), the settings its prompt function was created with, its client's
    /// pipeline (<c>ConfigureOptions</c>, agent options, a chat-client registration in DI) nor its SDK (Anthropic's
    /// required <c>MaxTokens</c>). Reported on the call, as SL0001 is. Settings the analysis cannot see (a parameter, a
    /// method's result, an injected client in a compilation that registers none) keep it quiet.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GenerativeCallWithoutOutputLimitAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RuleCatalog.GenerativeCallWithoutOutputLimit);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, shiftLeft) =>
            {
                var analysis = ModelCallAnalysis.For(shiftLeft);
                start.RegisterOperationAction(operationContext => AnalyzeInvocation(operationContext, analysis), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, ModelCallAnalysis analysis)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var shiftLeft = analysis.ShiftLeft;
            if (!GeneratedCode.ShouldAnalyze(context.IsGeneratedCode, invocation.Syntax.SyntaxTree)
                || !analysis.TryGetApplicationCall(invocation, context.ContainingSymbol, out var call) || call.Kind != ModelCallKind.Generative)
            {
                return;
            }

            var family = OutputLimitedCall.FamilyOf(shiftLeft.Symbols, call);
            if (family == OutputLimitFamily.None || IsBounded(call, family, analysis))
            {
                return;
            }

            var location = ModelCallLocation.Of(invocation);
            if (GeneratedCode.IsReportable(location, context.IsGeneratedCode))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    RuleCatalog.GenerativeCallWithoutOutputLimit, location, ModelCallIdentity.Properties(RuleCatalog.GenerativeCallWithoutOutputLimit, context.ContainingSymbol, invocation, location), $"Model call '{call.DisplayName}' sets no output-token limit: {OutputLimitedCall.Hint(family)}"));
            }
        }

        /// <summary>Bounded, or not known to be unbounded: the call's settings first, then where the client or function was made.</summary>
        private static bool IsBounded(in ModelCall call, OutputLimitFamily family, ModelCallAnalysis analysis)
        {
            var bound = OutputLimits.OfCallArguments(call.Invocation);
            if (bound == OutputBound.Unbounded)
            {
                bound = family switch
                {
                    OutputLimitFamily.KernelFunction => OutputLimits.OfPromptFunction(PromptFunctions.FunctionOperand(call.Invocation)),
                    // Chat.SendAsync: the conversation object carries the options (chat.Options = new RequestOptions { NumPredict = … }).
                    OutputLimitFamily.Ollama when call.Invocation.Instance is { } conversation => OutputLimits.Of(conversation),
                    _ when OutputLimitedCall.HasPipeline(family) => OfPipeline(call, analysis),
                    _ => OutputBound.Unbounded,
                };
            }

            return bound != OutputBound.Unbounded;
        }

        private static OutputBound OfPipeline(in ModelCall call, ModelCallAnalysis analysis)
        {
            if (analysis.Pipeline(call, ModelCallAnalysis.FactsFor(call.Invocation)) is not { } pipeline)
            {
                return OutputBound.Unknown;
            }

            if (pipeline.BoundsOutput)
            {
                return OutputBound.Bounded;
            }

            if (!pipeline.IsInjected)
            {
                return OutputBound.Unbounded;
            }

            // An injected client is one the compilation registers, if it registers any; otherwise it is configured elsewhere.
            var registrations = analysis.Registrations.ChatClients;
            return registrations.BoundsOutput ? OutputBound.Bounded : registrations.Any ? OutputBound.Unbounded : OutputBound.Unknown;
        }
    }
}
