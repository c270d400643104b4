using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>SL0001: a model call whose request or response is not logged and whose client pipeline does not log.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelCallNotAuditLoggedAnalyzer : ModelCallRuleAnalyzer
    {
        public ModelCallNotAuditLoggedAnalyzer()
            : base(RuleCatalog.ModelCallNotAuditLogged)
        {
        }

        private protected override bool Violates(ModelCallAnalysis analysis, ModelCall call, ISymbol containingSymbol) =>
            !analysis.IsAuditLogged(call);
    }
}
