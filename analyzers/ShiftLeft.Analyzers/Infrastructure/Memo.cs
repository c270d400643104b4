// Usage: private readonly Memo<IMethodSymbol, bool> _guards = new(SymbolEqualityComparer.Default, ClassifyMethod);
//        _guards.Get(method.OriginalDefinition)
// A per-compilation answer cache for the questions asked about every invocation and every symbol reference (is this
// method a log call, a guard, a model call; is this property personal data). Thread-safe, never locks on a hit.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class Memo<TKey, TValue>
        where TKey : class
    {
        // A power of two. A body asks about a few dozen distinct methods and symbols, again and again.
        private const int RecentSize = 256;

        private readonly Entry?[] _recent = new Entry?[RecentSize];
        private readonly ConcurrentDictionary<TKey, TValue> _all;
        private readonly Func<TKey, TValue> _compute;

        /// <param name="comparer">When two keys count as the same (SymbolEqualityComparer for symbols).</param>
        /// <param name="compute">The answer for a key; called at least once per key, possibly more under a race.</param>
        public Memo(IEqualityComparer<TKey> comparer, Func<TKey, TValue> compute)
        {
            _all = new ConcurrentDictionary<TKey, TValue>(comparer);
            _compute = compute;
        }

        /// <summary>
        /// The answer for <paramref name="key"/>. The same instance asked again is answered from a small table by
        /// reference, without the comparer's virtual calls or the dictionary's buckets; the compiler hands out one
        /// instance per declared symbol (and the lexer one string per identifier), so that is nearly every question.
        /// </summary>
        public TValue Get(TKey key)
        {
            var slot = RuntimeHelpers.GetHashCode(key) & (RecentSize - 1);
            var entry = Volatile.Read(ref _recent[slot]);
            if (entry is not null && ReferenceEquals(entry.Key, key))
            {
                return entry.Value;
            }

            var value = _all.GetOrAdd(key, _compute);

            // An immutable entry, published whole: a racing reader sees the old entry or the new one, both correct.
            Volatile.Write(ref _recent[slot], new Entry(key, value));
            return value;
        }

        private sealed class Entry
        {
            public Entry(TKey key, TValue value)
            {
                Key = key;
                Value = value;
            }

            public TKey Key { get; }

            public TValue Value { get; }
        }
    }
}
