using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>SL0001: a model call whose request or response is not logged and whose client pipeline does not log.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelCallNotAuditLoggedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RuleCatalog.ModelCallNotAuditLogged);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var shiftLeft = ShiftLeftCompilation.Get(start.Compilation, start.Options);
                if (!shiftLeft.ShouldAnalyze)
                {
                    return;
                }

                var analysis = ModelCallAnalysis.Get(shiftLeft);
                start.RegisterOperationAction(
                    operationContext =>
                    {
                        var invocation = (IInvocationOperation)operationContext.Operation;
                        if (shiftLeft.ModelCalls.TryClassifyReportable(invocation, operationContext.ContainingSymbol, out var call) && !analysis.IsAuditLogged(call))
                        {
                            operationContext.ReportDiagnostic(Diagnostic.Create(RuleCatalog.ModelCallNotAuditLogged, ModelCallLocation.Of(invocation), call.DisplayName));
                        }
                    },
                    OperationKind.Invocation);
            });
        }
    }
}
