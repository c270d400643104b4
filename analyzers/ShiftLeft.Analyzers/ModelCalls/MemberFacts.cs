using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// A member body's (with its lambdas and local functions) invocations and value writes, read from its listed
    /// operations, reused by every question about its model calls. Gathered only for members that make a model call.
    /// </summary>
    internal sealed class MemberFacts
    {
        // One per thread (PerThread): a member's invocations are visited one after another on one thread, so its second
        // and later model calls find its facts here (a miss only costs a recomputation); refilled in place for the next
        // member, so a member's facts cost no allocation once the lists have grown.
        private static readonly Func<MemberFacts> Create = () => new MemberFacts();

        private readonly List<IInvocationOperation> _invocations = new List<IInvocationOperation>();
        private readonly List<ValueWrite> _writes = new List<ValueWrite>();
        private readonly Stack<ValueWrite> _spareWrites = new Stack<ValueWrite>();

        private MemberFacts()
        {
        }

        /// <summary>The member body (or initializer) these facts describe.</summary>
        public IOperation? Root { get; private set; }

        // Lists, not interfaces: a foreach over an interface allocates its enumerator, and these are looped over per question.
        public List<IInvocationOperation> Invocations => _invocations;

        public List<ValueWrite> Writes => _writes;

        /// <summary>The facts of the member under <paramref name="root"/> (a member root: see <see cref="OperationScope.GetMemberRoot"/>).</summary>
        public static MemberFacts For(IOperation root)
        {
            var facts = PerThread<MemberFacts>.Get(Create);
            if (facts.Root != root)
            {
                facts.Refill(root);
            }

            return facts;
        }

        private void Refill(IOperation root)
        {
            _invocations.Clear();
            foreach (var write in _writes)
            {
                write.Clear();
                _spareWrites.Push(write);
            }

            _writes.Clear();

            // Marked as the member's facts only once complete: a fill that throws on broken code must not be found later.
            Root = null;
            var operations = MemberOperations.Of(root);
            for (var index = 0; index < operations.Count; index++)
            {
                Note(operations[index], operations.KindAt(index));
            }

            Root = root;
        }

        private void AddWrite(ISymbol target, IOperation value) =>
            _writes.Add((_spareWrites.Count > 0 ? _spareWrites.Pop() : new ValueWrite()).Reset(target, value));

        private void Note(IOperation operation, OperationKind kind)
        {
            // Kind before any interface cast: this runs on every operation of every member.
            switch (kind)
            {
                case OperationKind.Invocation:
                    var invocation = (IInvocationOperation)operation;
                    _invocations.Add(invocation);

                    if (OperationScope.GetInvocationTarget(invocation) is { } target
                        && OperationScope.TryGetTrackedSymbol(OperationScope.Unwrap(target), out var mutated))
                    {
                        foreach (var argument in invocation.Arguments)
                        {
                            if (argument.Value != target)
                            {
                                AddWrite(mutated, argument.Value);
                            }
                        }
                    }

                    break;
                case OperationKind.VariableDeclarator when ((IVariableDeclaratorOperation)operation).Initializer is { } initializer:
                    AddWrite(((IVariableDeclaratorOperation)operation).Symbol, initializer.Value);
                    break;
                case OperationKind.SimpleAssignment:
                case OperationKind.CompoundAssignment:
                case OperationKind.CoalesceAssignment:
                case OperationKind.DeconstructionAssignment:
                    var assignment = (IAssignmentOperation)operation;
                    if (OperationScope.TryGetTrackedSymbol(OperationScope.Unwrap(assignment.Target), out var assigned))
                    {
                        AddWrite(assigned, assignment.Value);
                    }

                    break;
                case OperationKind.Loop when operation is IForEachLoopOperation loop:
                    foreach (var local in loop.Locals)
                    {
                        AddWrite(local, loop.Collection);
                    }

                    break;
            }
        }

        /// <summary>Adds to <paramref name="symbols"/> what <paramref name="seeds"/> were built from, transitively (backward closure over writes).</summary>
        public HashSet<ISymbol> BuiltFrom(ImmutableArray<IArgumentOperation> seeds, HashSet<ISymbol> symbols)
        {
            foreach (var seed in seeds)
            {
                OperationScope.CollectTrackedSymbols(seed.Value, symbols);
            }

            bool changed;
            do
            {
                changed = false;
                foreach (var write in Writes)
                {
                    if (symbols.Contains(write.Target))
                    {
                        for (var index = 0; index < write.ReadCount; index++)
                        {
                            changed |= symbols.Add(write.ReadAt(index));
                        }
                    }
                }
            }
            while (changed);

            return symbols;
        }
    }
}
