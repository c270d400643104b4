// Usage: TypeRelations.DerivesFrom(type, symbols.AIAgent)             // the type or a base class, generic definitions compared
//        TypeRelations.Implements(type, symbols.IChatCompletionService) // the type or one of its interfaces
// Both are false when the SDK type is absent (null): a compilation references any subset of the SDKs.
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class TypeRelations
    {
        /// <summary>True when <paramref name="type"/> is or derives from <paramref name="baseType"/>.</summary>
        public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="type"/> is or implements the interface <paramref name="interfaceType"/>.</summary>
        public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? interfaceType)
        {
            if (type is null || interfaceType is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, interfaceType))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, interfaceType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
