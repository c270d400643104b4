using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>SL0002: a generative model call whose prompt and result pass through no guardrail.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelCallWithoutGuardrailAnalyzer : ModelCallRuleAnalyzer
    {
        public ModelCallWithoutGuardrailAnalyzer()
            : base(RuleCatalog.ModelCallWithoutGuardrail)
        {
        }

        private protected override bool Violates(ModelCallAnalysis analysis, ModelCall call, ISymbol containingSymbol) =>
            call.Kind == ModelCallKind.Generative && !analysis.IsGuarded(call, containingSymbol);
    }
}
