using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>A value stored into a tracked symbol: an assignment, a declarator, a foreach variable, or a mutating call (<c>list.Add(x)</c>).</summary>
    internal sealed class ValueWrite
    {
        private HashSet<ISymbol>? _reads;

        public ValueWrite(ISymbol target, IOperation value)
        {
            Target = target;
            Value = value;
        }

        public ISymbol Target { get; }
        public IOperation Value { get; }

        /// <summary>The tracked symbols the value reads, gathered on first use (the closures ask for them again and again).</summary>
        public HashSet<ISymbol> Reads
        {
            get
            {
                if (_reads is null)
                {
                    var reads = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                    OperationScope.CollectTrackedSymbols(Value, reads);
                    _reads = reads;
                }

                return _reads;
            }
        }
    }

    /// <summary>What a model call's prompt was built from, and what holds its result.</summary>
    internal sealed class CallValues
    {
        public CallValues(HashSet<ISymbol> prompt, HashSet<ISymbol> result)
        {
            Prompt = prompt;
            Result = result;
        }

        public HashSet<ISymbol> Prompt { get; }
        public HashSet<ISymbol> Result { get; }
    }

    /// <summary>
    /// One pass over a member body (with its lambdas and local functions): its invocations and value writes.
    /// Built only for members that contain a model call (the cheap trigger), then reused by every question about them.
    /// </summary>
    internal sealed class MemberFacts
    {
        private MemberFacts(List<IInvocationOperation> invocations, List<ValueWrite> writes)
        {
            Invocations = invocations;
            Writes = writes;
        }

        public IReadOnlyList<IInvocationOperation> Invocations { get; }
        public IReadOnlyList<ValueWrite> Writes { get; }

        public static MemberFacts Collect(IOperation root)
        {
            var invocations = new List<IInvocationOperation>();
            var writes = new List<ValueWrite>();
            OperationWalk.Any(root, (invocations, writes), static (operation, lists) =>
            {
                Note(operation, lists.invocations, lists.writes);
                return false;
            });

            return new MemberFacts(invocations, writes);
        }

        private static void Note(IOperation operation, List<IInvocationOperation> invocations, List<ValueWrite> writes)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
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
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                    writes.Add(new ValueWrite(declarator.Symbol, initializer.Value));
                    break;
                case IAssignmentOperation assignment when OperationScope.TryGetTrackedSymbol(OperationScope.Unwrap(assignment.Target), out var assigned):
                    writes.Add(new ValueWrite(assigned, assignment.Value));
                    break;
                case IForEachLoopOperation loop:
                    foreach (var local in loop.Locals)
                    {
                        writes.Add(new ValueWrite(local, loop.Collection));
                    }

                    break;
            }
        }

        /// <summary>What <paramref name="call"/> sent and what holds its result (asked by SL0001 and SL0002 alike).</summary>
        public CallValues ValuesOf(in ModelCall call) =>
            new CallValues(BuiltFrom(call.PromptArguments.Select(argument => argument.Value)), DerivedFrom(call.Invocation));

        /// <summary>The symbols <paramref name="seeds"/> were built from, transitively (backward closure over writes).</summary>
        public HashSet<ISymbol> BuiltFrom(IEnumerable<IOperation> seeds)
        {
            var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var seed in seeds)
            {
                OperationScope.CollectTrackedSymbols(seed, symbols);
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

        /// <summary>The symbols holding <paramref name="source"/>'s value or values derived from it (forward closure over writes).</summary>
        public HashSet<ISymbol> DerivedFrom(IOperation source)
        {
            // The writes whose value contains the source itself: found by walking up from it, not down every value.
            var holdsSource = new HashSet<IOperation>();
            for (var ancestor = source.Parent; ancestor is not null; ancestor = ancestor.Parent)
            {
                holdsSource.Add(ancestor);
            }

            var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            bool changed;
            do
            {
                changed = false;
                foreach (var write in Writes)
                {
                    if (!symbols.Contains(write.Target) && (holdsSource.Contains(write.Value) || write.Value == source || (symbols.Count > 0 && write.Reads.Overlaps(symbols))))
                    {
                        symbols.Add(write.Target);
                        changed = true;
                    }
                }
            }
            while (changed);

            return symbols;
        }
    }
}
