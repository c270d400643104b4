using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.OutputHandling
{
    /// <summary>Whether a call reads (through its receiver or arguments) one of a set of variables: how a check is tied to the value it checks.</summary>
    internal static class InvocationReads
    {
        public static bool Any(IInvocationOperation invocation, HashSet<ISymbol> symbols)
        {
            if (symbols.Count == 0)
            {
                return false;
            }

            var read = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (invocation.Instance is { } instance)
            {
                OperationScope.CollectTrackedSymbols(instance, read);
            }

            foreach (var argument in invocation.Arguments)
            {
                OperationScope.CollectTrackedSymbols(argument.Value, read);
            }

            return read.Overlaps(symbols);
        }

    }
}
