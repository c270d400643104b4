// Usage: var set = SymbolSets.Rent(); try { ... } finally { SymbolSets.Return(set); }
// Sets of symbols for the value questions asked about every model call (what its log and guard calls read, what its
// prompt was built from). Reused per thread: allocating them per call made the analyzers a frequent trigger of the
// compiler's garbage collections, whose pauses then counted as analyzer time.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class SymbolSets
    {
        // Sets grown past this are let go rather than kept (a huge generated method should not pin its arrays).
        private const int MaxKeptCount = 256;

        [ThreadStatic]
        private static Stack<HashSet<ISymbol>>? t_free;

        public static HashSet<ISymbol> Rent()
        {
            var free = t_free;
            return free is { Count: > 0 } ? free.Pop() : new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        }

        /// <summary>Empties the set and keeps it for the next <see cref="Rent"/> on this thread.</summary>
        public static void Return(HashSet<ISymbol>? set)
        {
            if (set is null || set.Count > MaxKeptCount)
            {
                return;
            }

            set.Clear();
            (t_free ??= new Stack<HashSet<ISymbol>>()).Push(set);
        }
    }
}
