using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.CodeFixes.Editing;
using ShiftLeft.Analyzers.Telemetry;

namespace ShiftLeft.Analyzers.CodeFixes.Telemetry
{
    /// <summary>
    /// SL0011: content capture only in development, asked of the host environment in scope (<c>env</c>, or
    /// <c>builder.Environment</c>): a switched-on value becomes <c>env.IsDevelopment()</c>
    /// (<c>EnableSensitiveData = env.IsDevelopment()</c>, <c>AppContext.SetSwitch(…, env.IsDevelopment())</c>), the
    /// Anthropic content mode becomes <c>env.IsDevelopment() ? Content : MetadataOnly</c>, and an environment variable set
    /// in a statement is set inside <c>if (env.IsDevelopment())</c>. Offered only where exactly one environment is in
    /// scope and the result compiles cleanly.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PromptContentInTelemetryCodeFixProvider)), Shared]
    public sealed class PromptContentInTelemetryCodeFixProvider : CodeFixProvider
    {
        public const string DevelopmentOnlyKey = "SL0011.DevelopmentOnly";

        private static readonly VerifiedFixes<CaptureFixContext> Fixes = new(CaptureFixContext.CreateAsync, (DevelopmentOnlyKey, "Capture prompt content only in development"));

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.PromptContentInTelemetry);

        public override FixAllProvider GetFixAllProvider() => Fixes.FixAll(PlanAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fixes.RegisterAsync(context, PlanAsync);

        private static Task<FixPlan?> PlanAsync(CaptureFixContext context, string key, CancellationToken cancellationToken) =>
            Task.FromResult(key == DevelopmentOnlyKey ? Plan(context) : null);

        private static FixPlan? Plan(CaptureFixContext context)
        {
            var capture = context.Capture;
            var position = capture.Operation.Syntax.SpanStart;
            if (HostEnvironmentInScope.Find(context.SemanticModel, position) is not { } environment)
            {
                return null;
            }

            var isDevelopment = SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression, environment.Expression, SyntaxFactory.IdentifierName("IsDevelopment")));
            var plan = new FixPlan();
            var edits = plan.In(context.Document);
            switch (capture.Operation)
            {
                case ISimpleAssignmentOperation { Value.Syntax: ExpressionSyntax value } when capture.Kind == ContentCaptureKind.SensitiveDataProperty:
                    edits.Replace.Add((value, current => isDevelopment.WithTriviaFrom(current)));
                    break;
                case ISimpleAssignmentOperation { Value.Syntax: ExpressionSyntax mode } when capture.Kind == ContentCaptureKind.AnthropicContentMode && mode is MemberAccessExpressionSyntax content:
                    var metadataOnly = content.WithName(SyntaxFactory.IdentifierName("MetadataOnly"));
                    edits.Replace.Add((mode, current => SyntaxFactory.ConditionalExpression(isDevelopment, current.WithoutTrivia(), metadataOnly.WithoutTrivia()).WithTriviaFrom(current)));
                    break;
                case IInvocationOperation invocation when capture.Kind == ContentCaptureKind.SemanticKernelSwitch:
                    if (invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == 1)?.Value.Syntax is not ExpressionSyntax on)
                    {
                        return null;
                    }

                    edits.Replace.Add((on, current => isDevelopment.WithTriviaFrom(current)));
                    break;
                case IInvocationOperation { Syntax.Parent: ExpressionStatementSyntax statement } when capture.Kind == ContentCaptureKind.EnvironmentVariable
                    && statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax:
                    edits.ReplaceStatement.Add((statement, current => SyntaxFactory.IfStatement(isDevelopment, SyntaxFactory.Block(current.WithoutTrivia()))
                        .WithTriviaFrom(current)));
                    break;
                default:
                    return null;
            }

            if (!Imports.IsExtensionReachable(context.SemanticModel, position, environment.Type, "IsDevelopment"))
            {
                edits.Usings.Add("Microsoft.Extensions.Hosting");
            }

            return plan;
        }

        /// <summary>The content-capture switch a diagnostic points at, read again in the fix's document.</summary>
        private sealed class CaptureFixContext
        {
            private CaptureFixContext(Document document, SemanticModel semanticModel, ContentCapture capture)
            {
                Document = document;
                SemanticModel = semanticModel;
                Capture = capture;
            }

            public Document Document { get; }
            public SemanticModel SemanticModel { get; }
            public ContentCapture Capture { get; }

            public static async Task<CaptureFixContext?> CreateAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (await DiagnosticNode.FindAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } target)
                {
                    return null;
                }

                var (model, node) = target;
                foreach (var candidate in node.AncestorsAndSelf().Where(ancestor => ancestor is AssignmentExpressionSyntax or InvocationExpressionSyntax))
                {
                    var capture = model.GetOperation(candidate, cancellationToken) switch
                    {
                        ISimpleAssignmentOperation assignment when ContentCaptureSwitches.TryRead(assignment, out var found) => found,
                        IInvocationOperation invocation when ContentCaptureSwitches.TryRead(invocation, out var found) => found,
                        _ => default(ContentCapture?),
                    };
                    if (capture is { } known)
                    {
                        return new CaptureFixContext(document, model, known);
                    }
                }

                return null;
            }
        }
    }
}
