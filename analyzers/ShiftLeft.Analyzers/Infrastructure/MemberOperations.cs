// Usage: var operations = MemberOperations.Of(OperationScope.GetMemberRoot(operation));
//        for (var i = 0; i < operations.Count; i++) if (operations.KindAt(i) == OperationKind.Invocation) ... operations[i] ...
//        MemberOperations.AnyIn(context.OperationBlocks, state, static (operation, kind, state) => ...)   // stops at the first true
// Every operation of one member (its lambdas and local functions included), in document order, with its kind: one
// walk shared by every rule that looks at the member. The driver hands a member to both analyzers one after the other
// on the same thread; before, each of them walked it again (the model-call facts, the sink trigger, the source search).
using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class MemberOperations
    {
        // One per thread (PerThread), refilled in place for the next member.
        private static readonly Func<MemberOperations> Create = () => new MemberOperations();

        private Listed[] _listed = new Listed[128];

        private MemberOperations()
        {
        }

        /// <summary>The member body (or initializer) listed.</summary>
        public IOperation? Root { get; private set; }

        public int Count { get; private set; }

        public IOperation this[int index] => _listed[index].Operation;

        /// <summary>The kind of the operation at <paramref name="index"/>, read once when listed (an interface call each time otherwise).</summary>
        public OperationKind KindAt(int index) => _listed[index].Kind;

        /// <summary>The operations under <paramref name="root"/> (a member root: see <see cref="OperationScope.GetMemberRoot"/>).</summary>
        public static MemberOperations Of(IOperation root)
        {
            var operations = PerThread<MemberOperations>.Get(Create);
            if (operations.Root != root)
            {
                operations.Fill(root);
            }

            return operations;
        }

        /// <summary>
        /// True when <paramref name="found"/> holds for an operation of the members <paramref name="blocks"/> belong to
        /// (a block's root covers its whole member; each member is listed and read once).
        /// </summary>
        public static bool AnyIn<TState>(ImmutableArray<IOperation> blocks, TState state, Func<IOperation, OperationKind, TState, bool> found)
        {
            IOperation? previousRoot = null;
            foreach (var block in blocks)
            {
                var root = OperationScope.GetMemberRoot(block);
                if (root == previousRoot)
                {
                    continue;
                }

                previousRoot = root;
                var operations = Of(root);
                for (var index = 0; index < operations.Count; index++)
                {
                    if (found(operations[index], operations.KindAt(index), state))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private void Fill(IOperation root)
        {
            Array.Clear(_listed, 0, Count);
            Count = 0;

            // Marked as the member's list only once complete: a walk that throws on broken code must not be found later.
            Root = null;
            OperationWalk.Any(root, this, static (operation, list) =>
            {
                list.Add(operation);
                return false;
            });
            Root = root;
        }

        private void Add(IOperation operation)
        {
            if (Count == _listed.Length)
            {
                Array.Resize(ref _listed, Count * 2);
            }

            _listed[Count].Kind = operation.Kind;
            _listed[Count++].Operation = operation;
        }

        // A struct slot: no covariance check per store (see OperationWalk), and the kind sits next to its operation.
        private struct Listed
        {
            public IOperation Operation;
            public OperationKind Kind;
        }
    }
}
