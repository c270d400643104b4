// Usage: OperationWalk.Any(root, state, static (operation, state) => ...)   // pre-order, document order, stops at the first true
// One walk for every rule that searches a member: IOperation.Descendants() allocates enumerators at every level, and
// the rules walk every member that has a model call or a sink. The stack is reused per thread and rented (not read
// from a shared field), so a walk started inside another simply gets a fresh one.
using System;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class OperationWalk
    {
        [ThreadStatic]
        private static Pending[]? t_cached;

        /// <summary>True when <paramref name="found"/> holds for <paramref name="root"/> or an operation below it; visits in document order.</summary>
        public static bool Any<TState>(IOperation root, TState state, Func<IOperation, TState, bool> found)
        {
            var pending = t_cached ?? new Pending[64];
            t_cached = null;
            var count = 0;
            var highWater = 0;
            try
            {
                pending[count++].Operation = root;
                while (count > 0)
                {
                    var operation = pending[--count].Operation;
                    if (found(operation, state))
                    {
                        return true;
                    }

                    // Last child first, so the children pop in document order.
                    foreach (var child in operation.ChildOperations.Reverse())
                    {
                        if (count == pending.Length)
                        {
                            Array.Resize(ref pending, pending.Length * 2);
                        }

                        pending[count++].Operation = child;
                    }

                    highWater = Math.Max(highWater, count);
                }

                return false;
            }
            finally
            {
                // Emptied, so the kept stack holds no operation between walks.
                Array.Clear(pending, 0, Math.Max(highWater, 1));
                t_cached = pending;
            }
        }

        // A struct slot: storing into an array of structs skips the covariance check every store into an IOperation[]
        // pays, and this stack is pushed once per operation of every walked member.
        private struct Pending
        {
            public IOperation Operation;
        }
    }
}
