// Usage: Namespaces.Contains(type, "System.Net.Http") → the type is declared in that namespace or one below it.
using System;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class Namespaces
    {
        /// <summary>The type is declared in <paramref name="root"/> or a namespace below it ("System.IO" holds System.IO.File, not System.IOx.File).</summary>
        public static bool Contains(INamedTypeSymbol? type, string root)
        {
            var name = type?.ContainingNamespace?.ToDisplayString();
            return name is not null && name.StartsWith(root, StringComparison.Ordinal) && (name.Length == root.Length || name[root.Length] == '.');
        }
    }
}
