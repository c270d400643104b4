using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>The methods a configured <c>Namespace.Type.Method</c> or <c>Namespace.Type</c> entry denotes.</summary>
    internal static class ConfiguredMethods
    {
        public static IEnumerable<IMethodSymbol> Resolve(Compilation compilation, string entry)
        {
            var asType = TypeNames.Resolve(compilation, entry);
            if (!asType.IsEmpty)
            {
                return asType.SelectMany(type => type.GetMembers().OfType<IMethodSymbol>().Where(method => method.MethodKind == MethodKind.Ordinary));
            }

            var lastDot = entry.LastIndexOf('.');
            if (lastDot <= 0)
            {
                return Enumerable.Empty<IMethodSymbol>();
            }

            var name = entry.Substring(lastDot + 1);
            return TypeNames.Resolve(compilation, entry.Substring(0, lastDot))
                .SelectMany(type => type.GetMembers(name).OfType<IMethodSymbol>());
        }
    }
}
