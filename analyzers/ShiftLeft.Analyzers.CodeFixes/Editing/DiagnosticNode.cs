// Usage: var found = await DiagnosticNode.FindAsync(document, diagnostic, token);
//        if (found is { } at) { at.Model ... at.Node ... }   // the innermost node at the diagnostic's span and the document's model
// Null when the document has no tree or model, or the diagnostic's span lies outside it (a stale diagnostic).
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.CodeFixes.Editing
{
    internal static class DiagnosticNode
    {
        public static async Task<(SemanticModel Model, SyntaxNode Node)?> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            return (model, root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
        }
    }
}
