using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// The shared shape of the rules that judge each model call on its own (SL0001, SL0002): resolve the SDKs once per
    /// compilation, register nothing without them, and report every reportable call the rule finds in violation.
    /// </summary>
    public abstract class ModelCallRuleAnalyzer : DiagnosticAnalyzer
    {
        private readonly DiagnosticDescriptor _rule;

        private protected ModelCallRuleAnalyzer(DiagnosticDescriptor rule)
        {
            _rule = rule;
            SupportedDiagnostics = ImmutableArray.Create(rule);
        }

        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        /// <summary>Whether the call breaks this rule (it is already known to be a reportable model call).</summary>
        private protected abstract bool Violates(ModelCallAnalysis analysis, ModelCall call, ISymbol containingSymbol);

        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, shiftLeft) =>
            {
                var analysis = ModelCallAnalysis.Get(shiftLeft);
                start.RegisterOperationAction(
                    operationContext =>
                    {
                        var invocation = (IInvocationOperation)operationContext.Operation;
                        if (shiftLeft.ModelCalls.TryClassifyReportable(invocation, operationContext.ContainingSymbol, out var call)
                            && Violates(analysis, call, operationContext.ContainingSymbol))
                        {
                            operationContext.ReportDiagnostic(Diagnostic.Create(_rule, ModelCallLocation.Of(invocation), call.DisplayName));
                        }
                    },
                    OperationKind.Invocation);
            });
        }
    }
}
