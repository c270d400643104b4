// Usage: which using directive a fix needs, and adding it where the file keeps its usings.
//   if (!Imports.IsExtensionReachable(model, position, builderType, "UseLogging")) edits.Usings.Add("Microsoft.Extensions.AI");
//   root = Imports.Add(root, namespaces);
// Reachability is asked of the compiler at the edit's position, so global usings (ImplicitUsings, GlobalUsings.cs),
// usings inside a namespace and aliases all count: a fix never adds a using that is already in effect.
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ShiftLeft.Analyzers.CodeFixes.Editing
{
    internal static class Imports
    {
        /// <summary>True when <c>receiver.name(…)</c> binds to a method (instance or extension) at <paramref name="position"/>.</summary>
        public static bool IsExtensionReachable(SemanticModel model, int position, ITypeSymbol receiverType, string name) =>
            model.LookupSymbols(position, receiverType, name, includeReducedExtensionMethods: true).Any(symbol => symbol.Kind == SymbolKind.Method);

        /// <summary>
        /// Adds the missing using directives: beside the file's top-level usings, or inside the namespace when the file
        /// keeps its usings there; each in alphabetical position among its neighbours, System first.
        /// </summary>
        public static SyntaxNode Add(SyntaxNode root, IEnumerable<string> namespaces)
        {
            if (root is not CompilationUnitSyntax unit)
            {
                return root;
            }

            foreach (var name in namespaces.Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal))
            {
                var inNamespace = unit.Usings.Count == 0
                    ? unit.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault(ns => ns.Usings.Count > 0)
                    : null;
                var existing = inNamespace?.Usings ?? unit.Usings;
                if (existing.Any(directive => directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == name))
                {
                    continue;
                }

                var index = InsertionIndex(existing, name);
                var directive = MakeDirective(name, existing, Layout.LineBreak(unit.DescendantTrivia()) ?? SyntaxFactory.LineFeed);
                if (index == 0 && existing.Count > 0)
                {
                    // A file header or comment above the first using stays at the top of the file.
                    directive = directive.WithLeadingTrivia(existing[0].GetLeadingTrivia());
                    existing = existing.Replace(existing[0], existing[0].WithLeadingTrivia(Layout.Indentation(existing[0])));
                }

                var updated = existing.Insert(index, directive);
                unit = inNamespace is null
                    ? unit.WithUsings(updated)
                    : unit.ReplaceNode(inNamespace, inNamespace.WithUsings(updated));
            }

            return unit;
        }

        private static UsingDirectiveSyntax MakeDirective(string name, SyntaxList<UsingDirectiveSyntax> existing, SyntaxTrivia lineBreak) =>
            SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name).WithLeadingTrivia(SyntaxFactory.Space))
                .WithLeadingTrivia(existing.Count > 0 ? Layout.Indentation(existing[0]) : SyntaxTriviaList.Empty)
                .WithTrailingTrivia(existing.Count > 0 ? SyntaxFactory.TriviaList(lineBreak) : SyntaxFactory.TriviaList(lineBreak, lineBreak));

        private static int InsertionIndex(SyntaxList<UsingDirectiveSyntax> existing, string name)
        {
            for (var index = 0; index < existing.Count; index++)
            {
                var other = existing[index];
                if (other.Alias is not null || !other.StaticKeyword.IsKind(SyntaxKind.None) || !other.GlobalKeyword.IsKind(SyntaxKind.None))
                {
                    continue;
                }

                if (Compare(name, other.Name?.ToString() ?? string.Empty) < 0)
                {
                    return index;
                }
            }

            // After the last plain using (aliases and static usings conventionally follow).
            var last = -1;
            for (var index = 0; index < existing.Count; index++)
            {
                if (existing[index].Alias is null && existing[index].StaticKeyword.IsKind(SyntaxKind.None))
                {
                    last = index;
                }
            }

            return last + 1;
        }

        private static int Compare(string left, string right)
        {
            var leftSystem = left == "System" || left.StartsWith("System.", StringComparison.Ordinal);
            var rightSystem = right == "System" || right.StartsWith("System.", StringComparison.Ordinal);
            return leftSystem != rightSystem ? (leftSystem ? -1 : 1) : string.CompareOrdinal(left, right);
        }
    }
}
