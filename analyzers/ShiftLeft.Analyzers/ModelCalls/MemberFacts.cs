using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>A value stored into a tracked symbol: an assignment, a declarator, a foreach variable, or a mutating call (<c>list.Add(x)</c>).</summary>
    internal sealed class ValueWrite
    {
        private ISymbol[]? _reads;

        public ValueWrite(ISymbol target, IOperation value)
        {
            Target = target;
            Value = value;
        }

        public ISymbol Target { get; }
        public IOperation Value { get; }

        /// <summary>
        /// The distinct tracked symbols the value reads, gathered on first use (the closures ask for them again and
        /// again). Kept as an array: a value reads one to three symbols, and a set kept per write cost more than it saved.
        /// </summary>
        public ISymbol[] Reads
        {
            get
            {
                if (_reads is null)
                {
                    var reads = SymbolSets.Rent();
                    OperationScope.CollectTrackedSymbols(Value, reads);
                    var array = reads.Count == 0 ? Array.Empty<ISymbol>() : new ISymbol[reads.Count];
                    reads.CopyTo(array);
                    _reads = array;
                    SymbolSets.Return(reads);
                }

                return _reads;
            }
        }
    }

    /// <summary>
    /// What a model call sent and what holds its result, asked about the symbols a member's log or guard calls read
    /// (gathered into one set per question: "does any of them" is one closure, not one per argument). The prompt's
    /// closure is computed once, on first use; the result's is followed backward from the reads only as far as needed.
    /// </summary>
    internal sealed class CallValues : IDisposable
    {
        [ThreadStatic]
        private static Stack<ISymbol>? t_pending;

        private readonly MemberFacts _facts;
        private readonly ModelCall _call;
        private HashSet<ISymbol>? _prompt;

        public CallValues(MemberFacts facts, in ModelCall call)
        {
            _facts = facts;
            _call = call;
        }

        /// <summary>
        /// Adds the tracked symbols <paramref name="value"/> reads to <paramref name="reads"/>; true when the value
        /// contains the call itself (<c>Log(await client.X(q))</c>), which settles the question at once.
        /// </summary>
        public bool ContainsCall(IOperation value, HashSet<ISymbol> reads)
        {
            if (OperationScope.IsWithin(_call.Invocation, value))
            {
                return true;
            }

            OperationScope.CollectTrackedSymbols(value, reads);
            return false;
        }

        /// <summary>One of <paramref name="reads"/> holds the call's result or a value derived from it.</summary>
        public bool ReachResult(HashSet<ISymbol> reads)
        {
            // Backward from the reads: a write on the way whose value contains the call means a read was derived from
            // the result (the same answer as the forward closure from the call, but only as far as these reads need).
            // Its own set of symbols seen: the reads are asked about the prompt afterwards, as they were written.
            var seen = SymbolSets.Rent();
            try
            {
                return ReachResult(reads, seen);
            }
            finally
            {
                SymbolSets.Return(seen);
            }
        }

        private bool ReachResult(HashSet<ISymbol> reads, HashSet<ISymbol> seen)
        {
            var pending = t_pending ??= new Stack<ISymbol>();
            pending.Clear();
            foreach (var read in reads)
            {
                seen.Add(read);
                pending.Push(read);
            }

            while (pending.Count > 0)
            {
                var symbol = pending.Pop();
                foreach (var write in _facts.Writes)
                {
                    if (!SymbolEqualityComparer.Default.Equals(write.Target, symbol))
                    {
                        continue;
                    }

                    if (OperationScope.IsWithin(_call.Invocation, write.Value))
                    {
                        pending.Clear();
                        return true;
                    }

                    foreach (var read in write.Reads)
                    {
                        if (seen.Add(read))
                        {
                            pending.Push(read);
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>One of <paramref name="reads"/> is something the call's prompt was built from.</summary>
        public bool ReachPrompt(HashSet<ISymbol> reads)
        {
            var prompt = _prompt ??= _facts.BuiltFrom(_call.PromptArguments, SymbolSets.Rent());
            return prompt.Overlaps(reads);
        }

        public void Dispose()
        {
            SymbolSets.Return(_prompt);
            _prompt = null;
        }
    }

    /// <summary>
    /// A member body's (with its lambdas and local functions) invocations and value writes, read from its listed
    /// operations, reused by every question about its model calls. Gathered only for members that make a model call.
    /// </summary>
    internal sealed class MemberFacts
    {
        private MemberFacts(IOperation root, List<IInvocationOperation> invocations, List<ValueWrite> writes)
        {
            Root = root;
            Invocations = invocations;
            Writes = writes;
        }

        /// <summary>The member body (or initializer) these facts describe.</summary>
        public IOperation Root { get; }

        public IReadOnlyList<IInvocationOperation> Invocations { get; }
        public IReadOnlyList<ValueWrite> Writes { get; }

        /// <summary>The facts of the member under <paramref name="root"/> (called for members that make a model call).</summary>
        public static MemberFacts Collect(IOperation root)
        {
            var invocations = new List<IInvocationOperation>();
            var writes = new List<ValueWrite>();
            var operations = MemberOperations.Of(root);
            for (var index = 0; index < operations.Count; index++)
            {
                Note(operations[index], operations.KindAt(index), invocations, writes);
            }

            return new MemberFacts(root, invocations, writes);
        }

        private static void Note(IOperation operation, OperationKind kind, List<IInvocationOperation> invocations, List<ValueWrite> writes)
        {
            // Kind before any interface cast: this runs on every operation of every member.
            switch (kind)
            {
                case OperationKind.Invocation:
                    var invocation = (IInvocationOperation)operation;
                    invocations.Add(invocation);

                    if (OperationScope.GetInvocationTarget(invocation) is { } target
                        && OperationScope.TryGetTrackedSymbol(OperationScope.Unwrap(target), out var mutated))
                    {
                        foreach (var argument in invocation.Arguments)
                        {
                            if (argument.Value != target)
                            {
                                writes.Add(new ValueWrite(mutated, argument.Value));
                            }
                        }
                    }

                    break;
                case OperationKind.VariableDeclarator when ((IVariableDeclaratorOperation)operation).Initializer is { } initializer:
                    writes.Add(new ValueWrite(((IVariableDeclaratorOperation)operation).Symbol, initializer.Value));
                    break;
                case OperationKind.SimpleAssignment:
                case OperationKind.CompoundAssignment:
                case OperationKind.CoalesceAssignment:
                case OperationKind.DeconstructionAssignment:
                    var assignment = (IAssignmentOperation)operation;
                    if (OperationScope.TryGetTrackedSymbol(OperationScope.Unwrap(assignment.Target), out var assigned))
                    {
                        writes.Add(new ValueWrite(assigned, assignment.Value));
                    }

                    break;
                case OperationKind.Loop when operation is IForEachLoopOperation loop:
                    foreach (var local in loop.Locals)
                    {
                        writes.Add(new ValueWrite(local, loop.Collection));
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
                        var before = symbols.Count;
                        symbols.UnionWith(write.Reads);
                        changed |= symbols.Count != before;
                    }
                }
            }
            while (changed);

            return symbols;
        }
    }
}
