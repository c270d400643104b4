// Usage: TypeNames.FullName(type) → "Namespace.Outer.Inner" (no arity, no global::), the form .editorconfig lists use.
//        TypeNames.Resolve(compilation, "Namespace.Type") → the types such a name denotes (nested types and generics included).
//        TypeNames.ResolveSourceFirst(compilation, name) → the same, the compilation's own types found without touching references.
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class TypeNames
    {
        public static string FullName(ITypeSymbol? type)
        {
            if (type is null || type.Name.Length == 0)
            {
                return string.Empty;
            }

            var parts = new List<string>();
            for (ISymbol? current = type; current is not null; current = current.ContainingSymbol)
            {
                if (current is INamespaceSymbol { IsGlobalNamespace: true })
                {
                    break;
                }

                parts.Add(current.Name);
            }

            var builder = new StringBuilder();
            for (var index = parts.Count - 1; index >= 0; index--)
            {
                builder.Append(parts[index]);
                if (index > 0)
                {
                    builder.Append('.');
                }
            }

            return builder.ToString();
        }

        /// <summary>Types named <paramref name="dottedName"/> in the compilation or its references (any arity).</summary>
        public static ImmutableArray<INamedTypeSymbol> Resolve(Compilation compilation, string dottedName)
        {
            var segments = dottedName.Split('.');
            var results = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            Walk(compilation.GlobalNamespace, segments, 0, results);
            return results.ToImmutable();
        }

        /// <summary>
        /// Whether <paramref name="dottedName"/> names a type: the compilation's own namespaces first (configured names
        /// are mostly the project's own guards and loggers), and only then the namespaces merged over every reference.
        /// </summary>
        public static ImmutableArray<INamedTypeSymbol> ResolveSourceFirst(Compilation compilation, string dottedName)
        {
            var segments = dottedName.Split('.');
            var results = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            Walk(compilation.Assembly.GlobalNamespace, segments, 0, results);
            return results.Count > 0 ? results.ToImmutable() : Resolve(compilation, dottedName);
        }

        private static void Walk(INamespaceOrTypeSymbol container, string[] segments, int index, ImmutableArray<INamedTypeSymbol>.Builder results)
        {
            if (index >= segments.Length)
            {
                return;
            }

            foreach (var member in container.GetMembers(segments[index]))
            {
                if (member is INamespaceSymbol childNamespace)
                {
                    Walk(childNamespace, segments, index + 1, results);
                }
                else if (member is INamedTypeSymbol childType)
                {
                    if (index == segments.Length - 1)
                    {
                        results.Add(childType);
                    }
                    else
                    {
                        Walk(childType, segments, index + 1, results);
                    }
                }
            }
        }
    }
}
