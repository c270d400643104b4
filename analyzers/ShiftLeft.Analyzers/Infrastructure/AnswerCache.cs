// Usage: private readonly AnswerCache<IMethodSymbol, bool> _guards = new(SymbolEqualityComparer.Default, ClassifyMethod);
//        _guards.Get(method.OriginalDefinition)
// A per-compilation answer cache for the questions asked about every invocation and every symbol reference (is this
// method a log call, a guard, a model call; is this property personal data). Thread-safe.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class AnswerCache<TKey, TValue>
        where TKey : class
    {
        private readonly ConcurrentDictionary<TKey, TValue> _answers;

        // Kept as a field: passing a method group to GetOrAdd at each call would allocate a delegate per question.
        private readonly Func<TKey, TValue> _compute;

        /// <param name="comparer">When two keys count as the same (SymbolEqualityComparer for symbols).</param>
        /// <param name="compute">The answer for a key; called at least once per key, possibly more under a race.</param>
        public AnswerCache(IEqualityComparer<TKey> comparer, Func<TKey, TValue> compute)
        {
            _answers = new ConcurrentDictionary<TKey, TValue>(comparer);
            _compute = compute;
        }

        public TValue Get(TKey key) => _answers.GetOrAdd(key, _compute);
    }
}
