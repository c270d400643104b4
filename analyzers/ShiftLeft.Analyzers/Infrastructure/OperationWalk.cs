// Usage: OperationWalk.Any(root, state, static (operation, state) => ...)   // pre-order, document order, stops at the first true
// One walk for every rule that searches a member: IOperation.Descendants() allocates enumerators at every level, and
// the rules walk every member that has a model call or a sink. The stack is reused per thread and rented (not read
// from a shared field), so a walk started inside another simply gets a fresh one.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class OperationWalk
    {
        [ThreadStatic]
        private static Stack<IOperation>? t_cached;

        /// <summary>True when <paramref name="found"/> holds for <paramref name="root"/> or an operation below it; visits in document order.</summary>
        public static bool Any<TState>(IOperation root, TState state, Func<IOperation, TState, bool> found)
        {
            var pending = t_cached ?? new Stack<IOperation>(64);
            t_cached = null;
            try
            {
                pending.Push(root);
                while (pending.Count > 0)
                {
                    var operation = pending.Pop();
                    if (found(operation, state))
                    {
                        return true;
                    }

                    // Last child first, so the children pop in document order.
                    foreach (var child in operation.ChildOperations.Reverse())
                    {
                        pending.Push(child);
                    }
                }

                return false;
            }
            finally
            {
                // Emptied, so the kept stack holds no operation between walks.
                pending.Clear();
                t_cached = pending;
            }
        }
    }
}
