using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// What a model call sent and what holds its result, asked about the symbols a member's log or guard calls read
    /// (gathered into one set per question: "does any of them" is one closure, not one per argument). The prompt's
    /// closure is computed once, on first use; the result's is followed backward from the reads only as far as needed.
    /// What the call is made through (its pipeline) is also read once, for both rules.
    /// </summary>
    internal sealed class CallValues
    {
        private readonly MemberFacts _facts;
        private readonly ModelCall _call;
        private HashSet<ISymbol>? _prompt;
        private PipelineFacts? _pipeline;
        private bool _pipelineRead;

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
            var seen = new HashSet<ISymbol>(reads, SymbolEqualityComparer.Default);
            var pending = new Stack<ISymbol>(reads);
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

        /// <summary>What the layers of the client, kernel or agent the call is made through do (null when it has none), read once.</summary>
        public PipelineFacts? Pipeline(ModelCallAnalysis analysis)
        {
            if (!_pipelineRead)
            {
                _pipeline = analysis.Pipeline(_call, _facts);
                _pipelineRead = true;
            }

            return _pipeline;
        }

        /// <summary>One of <paramref name="reads"/> is something the call's prompt was built from.</summary>
        public bool ReachPrompt(HashSet<ISymbol> reads)
        {
            var prompt = _prompt ??= _facts.BuiltFrom(_call.PromptArguments, new HashSet<ISymbol>(SymbolEqualityComparer.Default));
            return prompt.Overlaps(reads);
        }
    }
}
