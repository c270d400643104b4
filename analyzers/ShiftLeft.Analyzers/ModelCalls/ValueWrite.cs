using System;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// A value stored into a tracked symbol: an assignment, a declarator, a foreach variable, or a mutating call
    /// (<c>list.Add(x)</c>). Reused from member to member by the <see cref="MemberFacts"/> that lists it.
    /// </summary>
    internal sealed class ValueWrite
    {
        // The distinct tracked symbols the value reads, gathered on first use (the closures ask for them again and
        // again). An array, refilled in place: a value reads one to three symbols.
        private ISymbol[] _reads = new ISymbol[4];
        private int _readCount = NotGathered;

        private const int NotGathered = -1;

        public ISymbol Target { get; private set; } = null!;

        public IOperation Value { get; private set; } = null!;

        public int ReadCount
        {
            get
            {
                if (_readCount == NotGathered)
                {
                    GatherReads();
                }

                return _readCount;
            }
        }

        /// <summary>One of the <see cref="ReadCount"/> symbols the value reads.</summary>
        public ISymbol ReadAt(int index) => _reads[index];

        /// <summary>Makes this the write of <paramref name="value"/> into <paramref name="target"/>.</summary>
        public ValueWrite Reset(ISymbol target, IOperation value)
        {
            Clear();
            Target = target;
            Value = value;
            return this;
        }

        /// <summary>Lets go of the member's symbols and operations (a kept write must not hold a compilation).</summary>
        public void Clear()
        {
            if (_readCount > 0)
            {
                Array.Clear(_reads, 0, _readCount);
            }

            _readCount = NotGathered;
            Target = null!;
            Value = null!;
        }

        private void GatherReads()
        {
            var reads = SymbolSets.Rent();
            OperationScope.CollectTrackedSymbols(Value, reads);
            if (reads.Count > _reads.Length)
            {
                _reads = new ISymbol[reads.Count];
            }

            reads.CopyTo(_reads);
            _readCount = reads.Count;
            SymbolSets.Return(reads);
        }
    }
}
