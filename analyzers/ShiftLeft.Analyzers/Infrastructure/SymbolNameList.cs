// Usage: a parsed `Namespace.Type.Method` / `Namespace.Type` list from .editorconfig, matched against symbols.
//   var list = SymbolNameList.Parse(" A.B.C , A.B ");
//   list.MatchesMethod(method)   // true for A.B.C (all overloads) and for every method of type A.B,
//                                // also through overrides, interface implementations and reduced extension forms
//   list.MatchesType(type)       // true for A.B, and for types deriving from / implementing A.B
// Nested types are written with '.', generic types without arity ("Contoso.Guard" matches Contoso.Guard<T>).
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    /// <summary>An immutable set of configured type and method names.</summary>
    internal sealed class SymbolNameList
    {
        public static readonly SymbolNameList Empty = new(ImmutableArray<string>.Empty);

        private readonly HashSet<string> _names;

        // The last segment of every entry: a type's or a method's simple name. A symbol none of whose related names is
        // here cannot match, and most methods a body calls are ruled out by this before any full name is built.
        private readonly HashSet<string> _simpleNames;
        private readonly AnswerCache<ITypeSymbol, string> _fullNames = new(SymbolEqualityComparer.Default, TypeNames.FullName);
        private readonly AnswerCache<ITypeSymbol, bool> _mightNameType;

        private SymbolNameList(ImmutableArray<string> entries)
        {
            Entries = entries;
            _names = new HashSet<string>(entries, StringComparer.Ordinal);
            _simpleNames = new HashSet<string>(entries.Select(entry => entry.Substring(entry.LastIndexOf('.') + 1)), StringComparer.Ordinal);
            _mightNameType = new AnswerCache<ITypeSymbol, bool>(SymbolEqualityComparer.Default, ComputeMightNameType);
        }

        /// <summary>The entries as written (trimmed, de-duplicated, in order).</summary>
        public ImmutableArray<string> Entries { get; }

        public bool IsEmpty => Entries.IsEmpty;

        /// <summary>Splits a comma (or semicolon) separated value; never throws.</summary>
        public static SymbolNameList Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Empty;
            }

            var entries = value!.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(entry => entry.Trim())
                .Where(entry => entry.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToImmutableArray();
            return entries.IsEmpty ? Empty : new SymbolNameList(entries);
        }

        public static SymbolNameList Union(IEnumerable<SymbolNameList> lists)
        {
            var entries = lists.SelectMany(list => list.Entries).Distinct(StringComparer.Ordinal).ToImmutableArray();
            return entries.IsEmpty ? Empty : new SymbolNameList(entries);
        }

        /// <summary>True when an entry names the method itself or its containing type, directly or through what it overrides/implements.</summary>
        public bool MatchesMethod(IMethodSymbol? method)
        {
            if (method is null || _names.Count == 0 || !MightMatch((method.ReducedFrom ?? method).OriginalDefinition))
            {
                return false;
            }

            foreach (var candidate in MethodIdentity.RelatedMethods(method))
            {
                var typeName = candidate.ContainingType is { } containing ? _fullNames.Get(containing) : string.Empty;
                if (typeName.Length == 0)
                {
                    continue;
                }

                if (_names.Contains(typeName) || _names.Contains(typeName + "." + candidate.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// False when no entry can name <paramref name="declared"/>: neither its name (nor an explicitly implemented
        /// member's) nor the name of its type, a base type or an interface (where overridden and implemented members live)
        /// is an entry's last segment.
        /// </summary>
        private bool MightMatch(IMethodSymbol declared)
        {
            if (_simpleNames.Contains(declared.Name))
            {
                return true;
            }

            if (declared.MethodKind == MethodKind.ExplicitInterfaceImplementation)
            {
                foreach (var implemented in declared.ExplicitInterfaceImplementations)
                {
                    if (_simpleNames.Contains(implemented.Name))
                    {
                        return true;
                    }
                }
            }

            return declared.ContainingType is { } containing && MightNameType(containing);
        }

        // Per type, cached: listing a type's interfaces builds a new array on every call.
        private bool MightNameType(ITypeSymbol type) => _mightNameType.Get(type);

        private bool ComputeMightNameType(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (_simpleNames.Contains(current.Name))
                {
                    return true;
                }
            }

            return type.AllInterfaces.Any(implemented => _simpleNames.Contains(implemented.Name));
        }

        /// <summary>True when an entry names the type or one of its base types or interfaces.</summary>
        public bool MatchesType(ITypeSymbol? type)
        {
            if (type is null || _names.Count == 0 || !MightNameType(type))
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (_names.Contains(_fullNames.Get(current)))
                {
                    return true;
                }
            }

            return type.AllInterfaces.Any(implemented => _names.Contains(_fullNames.Get(implemented)));
        }
    }
}
