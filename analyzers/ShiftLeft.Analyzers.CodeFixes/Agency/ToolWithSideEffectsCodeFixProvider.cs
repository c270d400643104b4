using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShiftLeft.Analyzers.CodeFixes.Editing;

namespace ShiftLeft.Analyzers.CodeFixes.Agency
{
    /// <summary>
    /// SL0008: the tool in a Microsoft.Extensions.AI tools list is wrapped in <c>ApprovalRequiredAIFunction</c>, so the
    /// function-invoking client (or agent) returns an approval request instead of running it. Offered for a reported
    /// tools-list element that is an <c>AIFunction</c> (not for plugin imports or the iteration limit), only where the
    /// result compiles cleanly.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ToolWithSideEffectsCodeFixProvider)), Shared]
    public sealed class ToolWithSideEffectsCodeFixProvider : CodeFixProvider
    {
        public const string RequireApprovalKey = "SL0008.RequireApproval";

        private const string Wrapper = "ApprovalRequiredAIFunction";
        private const string Namespace = "Microsoft.Extensions.AI";

        private static readonly VerifiedFixes<ToolFixContext> Fixes = new(ToolFixContext.CreateAsync, (RequireApprovalKey, "Require approval before the model's call runs (ApprovalRequiredAIFunction)"));

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ToolWithSideEffectsAutoInvoked);

        public override FixAllProvider GetFixAllProvider() => Fixes.FixAll(PlanAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fixes.RegisterAsync(context, PlanAsync);

        private static Task<FixPlan?> PlanAsync(ToolFixContext context, string key, CancellationToken cancellationToken)
        {
            if (key != RequireApprovalKey)
            {
                return Task.FromResult<FixPlan?>(null);
            }

            var plan = new FixPlan();
            var edits = plan.In(context.Document);
            var wrapper = SyntaxFactory.IdentifierName(Wrapper);
            edits.Replace.Add((context.Tool, current => SyntaxFactory.ObjectCreationExpression(wrapper)
                .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(current.WithoutTrivia()))))
                .WithTriviaFrom(current)));
            if (!context.WrapperInScope)
            {
                edits.Usings.Add(Namespace);
            }

            return Task.FromResult<FixPlan?>(plan);
        }

        /// <summary>The reported tools-list element, read again in the fix's document.</summary>
        private sealed class ToolFixContext
        {
            private ToolFixContext(Document document, ExpressionSyntax tool, bool wrapperInScope)
            {
                Document = document;
                Tool = tool;
                WrapperInScope = wrapperInScope;
            }

            public Document Document { get; }

            public ExpressionSyntax Tool { get; }

            /// <summary>The simple name ApprovalRequiredAIFunction already binds to Microsoft.Extensions.AI's type here.</summary>
            public bool WrapperInScope { get; }

            public static async Task<ToolFixContext?> CreateAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (await DiagnosticNode.FindAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } target
                    || target.Node is not ExpressionSyntax tool || tool.Span != diagnostic.Location.SourceSpan)
                {
                    return null;
                }

                var model = target.Model;
                if (!IsAIFunction(model.GetTypeInfo(tool, cancellationToken).Type))
                {
                    return null;
                }

                var inScope = model.LookupNamespacesAndTypes(tool.SpanStart, name: Wrapper)
                    .Any(symbol => symbol is INamedTypeSymbol type && type.ContainingNamespace?.ToDisplayString() == Namespace);
                return new ToolFixContext(document, tool, inScope);
            }

            private static bool IsAIFunction(ITypeSymbol? type)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (current.Name == "AIFunction" && current.ContainingNamespace?.ToDisplayString() == Namespace)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
