using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// A value stored into a tracked symbol: an assignment, a declarator, a foreach variable, or a mutating call
    /// (<c>list.Add(x)</c>).
    /// </summary>
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
