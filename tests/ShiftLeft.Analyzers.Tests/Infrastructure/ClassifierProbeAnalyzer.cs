using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Tests.Infrastructure;

/// <summary>
/// Test-only analyzer exposing the shared classifiers as diagnostics: PROBE1 on every reportable model call
/// (message: kind and prompt parameter names), PROBE2 on every log sink, PROBE3 on every guardrail call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClassifierProbeAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor ModelCallProbe = new("PROBE1", "model call", "{0} {1}", "Test", DiagnosticSeverity.Warning, true);
    public static readonly DiagnosticDescriptor LogSinkProbe = new("PROBE2", "log sink", "{0}", "Test", DiagnosticSeverity.Warning, true);
    public static readonly DiagnosticDescriptor GuardrailProbe = new("PROBE3", "guardrail", "guardrail", "Test", DiagnosticSeverity.Warning, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(ModelCallProbe, LogSinkProbe, GuardrailProbe);

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

            start.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var location = invocation.Syntax.GetLocation();
                    if (shiftLeft.ModelCalls.TryClassifyReportable(invocation, out var call))
                    {
                        var prompt = string.Join(",", call.PromptArguments.Select(argument => argument.Parameter!.Name));
                        operationContext.ReportDiagnostic(Diagnostic.Create(ModelCallProbe, location, call.Kind, prompt));
                    }

                    if (shiftLeft.LogSinks.TryClassify(invocation, out var sink))
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(LogSinkProbe, location, sink));
                    }

                    if (shiftLeft.Guardrails.IsGuardrailMethod(invocation.TargetMethod))
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(GuardrailProbe, location));
                    }
                },
                OperationKind.Invocation);
        });
    }
}
