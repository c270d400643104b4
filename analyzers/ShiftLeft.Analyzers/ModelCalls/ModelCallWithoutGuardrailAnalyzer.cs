using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>SL0002: a generative model call whose prompt and result pass through no guardrail.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelCallWithoutGuardrailAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RuleCatalog.ModelCallWithoutGuardrail);

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
                        if (shiftLeft.ModelCalls.TryClassifyReportable(invocation, operationContext.ContainingSymbol, out var call)
                            && call.Kind == ModelCallKind.Generative
                            && !analysis.IsGuarded(call, operationContext.ContainingSymbol))
                        {
                            operationContext.ReportDiagnostic(Diagnostic.Create(RuleCatalog.ModelCallWithoutGuardrail, ModelCallLocation.Of(invocation), call.DisplayName));
                        }
                    },
                    OperationKind.Invocation);
            });
        }
    }
}
