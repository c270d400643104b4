// Usage: var pending = OperationWalk.Rent(); try { pending.Push(root); while (pending.Count > 0) { var op = pending.Pop(); ...; OperationWalk.PushChildren(pending, op); } } finally { OperationWalk.Return(pending); }
// A pre-order walk in document order with one reused stack per thread: IOperation.Descendants() allocates enumerators at
// every level, and the rules walk every member that has a model call or a sink. Rent/Return (not a shared field) keeps
// a nested walk correct: it simply gets a fresh stack.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class OperationWalk
    {
        [ThreadStatic]
        private static Stack<IOperation>? t_cached;

        public static Stack<IOperation> Rent()
        {
            var stack = t_cached ?? new Stack<IOperation>(64);
            t_cached = null;
            return stack;
        }

        /// <summary>Empties the stack (it holds no operation between walks) and keeps it for the thread's next walk.</summary>
        public static void Return(Stack<IOperation> stack)
        {
            stack.Clear();
            t_cached = stack;
        }

        /// <summary>Pushes the children last-first, so they pop in document order.</summary>
        public static void PushChildren(Stack<IOperation> pending, IOperation operation)
        {
            foreach (var child in operation.ChildOperations.Reverse())
            {
                pending.Push(child);
            }
        }
    }
}
