using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.Telemetry
{
    /// <summary>
    /// SL0011: prompt or response content captured in telemetry — <c>EnableSensitiveData = true</c> on a
    /// Microsoft.Extensions.AI or Agent Framework OpenTelemetry layer (<c>UseOpenTelemetry(configure: …)</c>,
    /// <c>new OpenTelemetryChatClient(…) { … }</c>), Semantic Kernel's sensitive-diagnostics AppContext switch, a
    /// content-capture environment variable set to true in code, or the Anthropic client's content mode — unless the
    /// code runs only in development (<see cref="DevelopmentGuard"/>). Reported on the enabling assignment or call.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PromptContentInTelemetryAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RuleCatalog.PromptContentInTelemetry);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, _) =>
            {
                start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
                start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            if (ContentCaptureSwitches.TryRead((ISimpleAssignmentOperation)context.Operation, out var capture))
            {
                Report(context, capture);
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            if (ContentCaptureSwitches.TryRead((IInvocationOperation)context.Operation, out var capture))
            {
                Report(context, capture);
            }
        }

        private static void Report(OperationAnalysisContext context, in ContentCapture capture)
        {
            var syntax = capture.Operation.Syntax;
            if (!GeneratedCode.ShouldAnalyze(context.IsGeneratedCode, syntax.SyntaxTree) || DevelopmentGuard.IsGuarded(capture.Operation))
            {
                return;
            }

            var location = syntax.GetLocation();
            if (GeneratedCode.IsReportable(location, context.IsGeneratedCode))
            {
                context.ReportDiagnostic(Diagnostic.Create(RuleCatalog.PromptContentInTelemetry, location, FindingIdentity.Properties(RuleCatalog.PromptContentInTelemetry.Id, context.ContainingSymbol, syntax, syntax.Span), Message(capture)));
            }
        }

        private static string Message(in ContentCapture capture)
        {
            var fix = capture.Kind == ContentCaptureKind.EnvironmentVariable
                ? "set it only in development (inside if (env.IsDevelopment()))"
                : "turn it on only in development (env.IsDevelopment() as the value, or inside if (env.IsDevelopment()))";
            return $"{capture.What} makes {capture.Stack} record {capture.Content} in telemetry, where users' messages and personal data outlive the request: {fix}";
        }
    }
}
