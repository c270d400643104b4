using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Infrastructure
{
    /// <summary>
    /// A member body's (with its lambdas and local functions) invocations and value writes, read by every question
    /// about one of its model calls. Gathered only for a model call (a member rarely makes more than one or two).
    /// </summary>
    internal sealed class MemberFacts
    {
        private MemberFacts(IOperation root) => Root = root;

        /// <summary>The member root the facts were gathered under.</summary>
        public IOperation Root { get; }

        public List<IInvocationOperation> Invocations { get; } = new List<IInvocationOperation>();

        public List<ValueWrite> Writes { get; } = new List<ValueWrite>();

        /// <summary>The facts of the member under <paramref name="root"/> (a member root: see <see cref="OperationScope.GetMemberRoot"/>).</summary>
        public static MemberFacts Gather(IOperation root)
        {
            var facts = new MemberFacts(root);
            foreach (var operation in root.DescendantsAndSelf())
            {
                facts.Note(operation);
            }

            return facts;
        }

        private void AddWrite(ISymbol target, IOperation value, bool isOutArgument = false) => Writes.Add(new ValueWrite(target, value, isOutArgument));

        private void Note(IOperation operation)
        {
            switch (operation.Kind)
            {
                case OperationKind.Invocation:
                    var invocation = (IInvocationOperation)operation;
                    Invocations.Add(invocation);

                    // dictionary.TryGetValue(key, out var value): the call writes the variable.
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.RefKind == RefKind.Out
                            && OperationScope.TryGetTrackedSymbol(OperationScope.Unwrap(argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value), out var written))
                        {
                            AddWrite(written, invocation, isOutArgument: true);
                        }
                    }

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

            return Close(symbols);
        }

        /// <summary>Adds to <paramref name="symbols"/> what <paramref name="seed"/> is built from, transitively.</summary>
        public HashSet<ISymbol> BuiltFrom(IOperation seed, HashSet<ISymbol> symbols)
        {
            OperationScope.CollectTrackedSymbols(seed, symbols);
            return Close(symbols);
        }

        private HashSet<ISymbol> Close(HashSet<ISymbol> symbols)
        {
            bool changed;
            do
            {
                changed = false;
                foreach (var write in Writes)
                {
                    if (symbols.Contains(write.Target))
                    {
                        foreach (var read in write.Reads)
                        {
                            changed |= symbols.Add(read);
                        }
                    }
                }
            }
            while (changed);

            return symbols;
        }
    }
}
