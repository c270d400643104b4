using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.CodeFixes.Editing;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>The model call a diagnostic points at, resolved again in the code-fix context.</summary>
    internal sealed class ModelCallFixContext
    {
        private ModelCallFixContext(Document document, SemanticModel semanticModel, ShiftLeftCompilation shiftLeft, ModelCall call, InvocationExpressionSyntax syntax)
        {
            Document = document;
            SemanticModel = semanticModel;
            ShiftLeft = shiftLeft;
            Call = call;
            Syntax = syntax;
        }

        public Document Document { get; }
        public SemanticModel SemanticModel { get; }
        public ShiftLeftCompilation ShiftLeft { get; }
        public ModelCall Call { get; }
        public InvocationExpressionSyntax Syntax { get; }

        public static async Task<ModelCallFixContext?> CreateAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (await DiagnosticNode.FindAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return null;
            }

            var (semanticModel, node) = found;
            var syntax = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (syntax is null || semanticModel.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation)
            {
                return null;
            }

            var shiftLeft = ShiftLeftCompilation.Get(semanticModel.Compilation, document.Project.AnalyzerOptions);
            return shiftLeft.ModelCalls.TryClassify(invocation, out var call)
                ? new ModelCallFixContext(document, semanticModel, shiftLeft, call, syntax)
                : null;
        }

        /// <summary>The statement <c>var x = [await] call;</c> holding the call's result, and its local, when the call is written that way.</summary>
        public (LocalDeclarationStatementSyntax Statement, ILocalSymbol Local)? ResultDeclaration()
        {
            SyntaxNode node = Syntax;
            while (node.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax)
            {
                node = node.Parent;
            }

            if (node.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                && declarator.Parent?.Parent is LocalDeclarationStatementSyntax statement
                && statement.Parent is BlockSyntax or SwitchSectionSyntax
                && SemanticModel.GetDeclaredSymbol(declarator) is ILocalSymbol local)
            {
                return (statement, local);
            }

            return null;
        }
    }
}
