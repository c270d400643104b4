using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// The edits one code fix makes, expressed against the ORIGINAL syntax tree so that many plans (Fix All) can be
    /// applied together: statements inserted after a statement, expressions replaced, using directives added.
    /// </summary>
    internal sealed class FixPlan
    {
        /// <summary>Fully qualified without <c>global::</c>; the simplifier shortens it further where the namespace is imported.</summary>
        public static readonly SymbolDisplayFormat QualifiedName = SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

        public List<(StatementSyntax Anchor, StatementSyntax Statement)> InsertAfter { get; } = new();
        public List<(ExpressionSyntax Target, ExpressionSyntax Replacement)> Replace { get; } = new();
        public HashSet<string> Usings { get; } = new();

        public bool IsEmpty => InsertAfter.Count == 0 && Replace.Count == 0;

        /// <summary>The line ending the anchor statement uses, so an inserted statement matches the file.</summary>
        private static SyntaxTrivia LineEnding(StatementSyntax anchor)
        {
            foreach (var trivia in anchor.GetTrailingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.ElasticCarriageReturnLineFeed;
        }

        public static async Task<Document> ApplyAsync(Document document, IEnumerable<FixPlan> plans, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var replaced = new HashSet<SyntaxNode>();
            var inserted = new HashSet<string>();
            var usings = new HashSet<string>();
            foreach (var plan in plans)
            {
                foreach (var (target, replacement) in plan.Replace)
                {
                    // Two diagnostics may ask for the same pipeline change (one field, several calls): apply it once.
                    if (replaced.Add(target))
                    {
                        editor.ReplaceNode(target, replacement.WithTriviaFrom(target).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation));
                    }
                }

                foreach (var (anchor, statement) in plan.InsertAfter)
                {
                    if (inserted.Add(anchor.SpanStart + ":" + statement.ToString()))
                    {
                        editor.InsertAfter(anchor, statement.WithTrailingTrivia(LineEnding(anchor)).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation));
                    }
                }

                usings.UnionWith(plan.Usings);
            }

            var root = editor.GetChangedRoot();
            if (root is CompilationUnitSyntax unit)
            {
                var missing = usings
                    .Where(name => !unit.Usings.Any(existing => existing.Name?.ToString() == name))
                    .OrderBy(name => name, System.StringComparer.Ordinal)
                    .Select(name => SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name)).WithAdditionalAnnotations(Formatter.Annotation))
                    .ToArray();
                if (missing.Length > 0)
                {
                    root = unit.AddUsings(missing);
                }
            }

            return document.WithSyntaxRoot(root);
        }
    }
}
