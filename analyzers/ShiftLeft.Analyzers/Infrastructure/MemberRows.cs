// Usage: MemberRows.TryFind(rows, MemberRows.Declared(member), out var row) with rows keyed "Namespace.Type|Member" ("…|this[]" for an indexer, "…|.ctor" for a constructor).
// How the API catalogues (outside-data sources, secret reads) match a member: by the name of its containing type, a
// base type or an interface it implements, and its own name, never by signature, so overloads, extension forms and
// derived types count. Types are named as strings: nothing is resolved up front, and an API whose assembly is not
// referenced simply never matches.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class MemberRows
    {
        /// <summary>The member name the catalogues use for indexers.</summary>
        public const string Indexer = "this[]";

        /// <summary>The member name the catalogues use for constructors.</summary>
        public const string Constructor = ".ctor";

        /// <summary>A member as declared: the unreduced, unconstructed definition a row describes.</summary>
        public static ISymbol Declared(ISymbol member) => member is IMethodSymbol method ? (method.ReducedFrom ?? method).OriginalDefinition : member.OriginalDefinition;

        /// <summary>The row of <paramref name="member"/> (as declared: pass <see cref="Declared"/>).</summary>
        public static bool TryFind<T>(Dictionary<string, T> rows, ISymbol member, out T row)
        {
            var name = member switch
            {
                IPropertySymbol { IsIndexer: true } => Indexer,
                IMethodSymbol { MethodKind: MethodKind.Constructor } => Constructor,
                _ => member.Name,
            };

            row = default!;
            if (member.ContainingType is not { } containing)
            {
                return false;
            }

            for (var type = containing; type is not null; type = type.BaseType)
            {
                if (rows.TryGetValue(TypeNames.FullName(type) + "|" + name, out row))
                {
                    return true;
                }
            }

            if (name != Constructor)
            {
                foreach (var implemented in containing.AllInterfaces)
                {
                    if (rows.TryGetValue(TypeNames.FullName(implemented) + "|" + name, out row))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
