using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    /// <summary>
    /// A value stored into a tracked symbol: an assignment, a declarator, a foreach variable, or a mutating call
    /// (<c>list.Add(x)</c>), or a call's <c>out</c> argument.
    /// </summary>
    internal sealed class ValueWrite
    {
        private HashSet<ISymbol>? _reads;

        public ValueWrite(ISymbol target, IOperation value, bool isOutArgument = false)
        {
            Target = target;
            Value = value;
            IsOutArgument = isOutArgument;
        }

        /// <summary>The value is a call that writes the target through an <c>out</c> argument (the call's result is not what is stored).</summary>
        public bool IsOutArgument { get; }

        public ISymbol Target { get; }

        public IOperation Value { get; }

        /// <summary>The tracked symbols the value reads, gathered on first use (the closures over writes ask again and again).</summary>
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
}
