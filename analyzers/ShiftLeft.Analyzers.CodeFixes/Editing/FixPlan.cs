// Usage: the edits one code fix makes, possibly in several documents (a DI registration in another file).
//   var plan = new FixPlan();
//   plan.In(document).InsertAfter.Add((statement, newStatement));
//   plan.In(document).Replace.Add((expression, current => edited));      // rewrite of the node as already edited
//   plan.In(document).ReplaceStatement.Add((statement, current => wrapped)); // a statement rewritten (and formatted)
//   plan.In(document).Usings.Add("Microsoft.Extensions.AI");             // only when the compiler says it is missing
//   var solution = await FixPlan.ApplyAsync(document.Project.Solution, new[] { plan }, token);
// Edits name nodes of the ORIGINAL trees, so the plans of many diagnostics (Fix All) apply together; the same edit
// asked for twice (one pipeline behind several calls) is made once. Only the inserted statements are formatted: the
// code around them keeps its layout.
using System;
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

namespace ShiftLeft.Analyzers.CodeFixes.Editing
{
    internal sealed class FixPlan
    {
        private readonly Dictionary<DocumentId, DocumentEdits> _documents = new();

        public bool IsEmpty => _documents.Values.All(edits => edits.IsEmpty);

        public DocumentEdits In(Document document)
        {
            if (!_documents.TryGetValue(document.Id, out var edits))
            {
                edits = new DocumentEdits();
                _documents.Add(document.Id, edits);
            }

            return edits;
        }

        public static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<FixPlan> plans, CancellationToken cancellationToken)
        {
            var byDocument = new Dictionary<DocumentId, List<DocumentEdits>>();
            foreach (var plan in plans)
            {
                foreach (var entry in plan._documents)
                {
                    if (!byDocument.TryGetValue(entry.Key, out var list))
                    {
                        list = new List<DocumentEdits>();
                        byDocument.Add(entry.Key, list);
                    }

                    list.Add(entry.Value);
                }
            }

            var result = solution;
            foreach (var entry in byDocument)
            {
                var document = solution.GetDocument(entry.Key);
                if (document is null)
                {
                    continue;
                }

                var root = await ApplyAsync(document, entry.Value, cancellationToken).ConfigureAwait(false);
                result = result.WithDocumentSyntaxRoot(entry.Key, root);
            }

            return result;
        }

        private static async Task<SyntaxNode> ApplyAsync(Document document, List<DocumentEdits> edits, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var replaced = new HashSet<SyntaxNode>();
            var inserted = new HashSet<string>(StringComparer.Ordinal);
            var usings = new HashSet<string>(StringComparer.Ordinal);
            foreach (var edit in edits)
            {
                foreach (var (target, rewrite) in edit.Replace)
                {
                    if (replaced.Add(target))
                    {
                        editor.ReplaceNode(target, (current, _) => rewrite((ExpressionSyntax)current));
                    }
                }

                foreach (var (target, rewrite) in edit.ReplaceStatement)
                {
                    if (replaced.Add(target))
                    {
                        editor.ReplaceNode(target, (current, _) => rewrite((StatementSyntax)current).WithAdditionalAnnotations(Formatter.Annotation));
                    }
                }

                foreach (var (anchor, statement) in edit.InsertAfter)
                {
                    if (inserted.Add(anchor.SpanStart + ":" + statement))
                    {
                        editor.InsertAfter(anchor, statement
                            .WithLeadingTrivia(Layout.Indentation(anchor))
                            .WithTrailingTrivia(Layout.LineBreak(anchor.GetTrailingTrivia()) ?? SyntaxFactory.ElasticCarriageReturnLineFeed)
                            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation));
                    }
                }

                usings.UnionWith(edit.Usings);
            }

            var root = editor.GetChangedRoot();
            return usings.Count == 0 ? root : Imports.Add(root, usings);
        }

    }

    /// <summary>The edits of one plan in one document.</summary>
    internal sealed class DocumentEdits
    {
        public List<(StatementSyntax Anchor, StatementSyntax Statement)> InsertAfter { get; } = new();

        /// <summary>An expression and how to rewrite it (given the node as already rewritten by edits inside it).</summary>
        public List<(ExpressionSyntax Target, Func<ExpressionSyntax, ExpressionSyntax> Rewrite)> Replace { get; } = new();

        /// <summary>A statement and how to rewrite it (wrapped in a condition, say); the result is formatted.</summary>
        public List<(StatementSyntax Target, Func<StatementSyntax, StatementSyntax> Rewrite)> ReplaceStatement { get; } = new();

        public HashSet<string> Usings { get; } = new(StringComparer.Ordinal);

        public bool IsEmpty => InsertAfter.Count == 0 && Replace.Count == 0 && ReplaceStatement.Count == 0;
    }
}
