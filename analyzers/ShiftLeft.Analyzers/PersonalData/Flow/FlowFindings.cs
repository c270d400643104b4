using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.PersonalData.Flow
{
    /// <summary>One sink argument that receives personal data.</summary>
    internal sealed class FlowFinding
    {
        public FlowFinding(SinkKind kind, IOperation sink, IOperation argument, Taint taint, string sinkName, bool isPromptLog)
        {
            Kind = kind;
            Sink = sink;
            Argument = argument;
            Taint = taint;
            SinkName = sinkName;
            IsPromptLog = isPromptLog;
        }

        public SinkKind Kind { get; }

        /// <summary>The sink call, or the returned value of a tool.</summary>
        public IOperation Sink { get; }

        public IOperation Argument { get; }

        public Taint Taint { get; }

        public string SinkName { get; }

        /// <summary>The logged value is a prompt or a model response built from personal data.</summary>
        public bool IsPromptLog { get; }

        /// <summary>Where a fix wraps the redaction: the composition entries, or the argument itself when it is the raw value.</summary>
        public IEnumerable<SyntaxNode> FixTargets()
        {
            if (!Taint.Entries.IsEmpty)
                return Taint.Entries;
            return new[] { TaintEvaluator.Unwrap(Argument).Syntax };
        }
    }

    /// <summary>Collects findings once per sink argument, and which variables are sent to a model as prompts.</summary>
    internal sealed class FlowFindings
    {
        private readonly Dictionary<SyntaxNode, FlowFinding> _bySyntax = new Dictionary<SyntaxNode, FlowFinding>();
        private readonly HashSet<object> _promptKeys = new HashSet<object>(SymbolKeyComparer.Instance);

        /// <summary>The findings; "prompt log" is decided here, once every prompt sent in the method is known.</summary>
        public IEnumerable<FlowFinding> All
        {
            get
            {
                foreach (var finding in _bySyntax.Values)
                {
                    var isPromptLog = finding.Kind == SinkKind.Log
                        && ((finding.Taint.Shape & (TaintShape.Prompt | TaintShape.Response)) != 0
                            || (TaintEvaluator.KeyOf(finding.Argument) is object key && _promptKeys.Contains(key)));
                    yield return isPromptLog == finding.IsPromptLog
                        ? finding
                        : new FlowFinding(finding.Kind, finding.Sink, finding.Argument, finding.Taint, finding.SinkName, isPromptLog);
                }
            }
        }

        public void MarkPrompt(object? key)
        {
            if (key is not null)
                _promptKeys.Add(key);
        }

        public void Add(SinkKind kind, IOperation sink, IOperation argument, Taint taint, string sinkName)
        {
            if (_bySyntax.TryGetValue(argument.Syntax, out var existing))
            {
                // The same argument seen from several paths (loops, lambdas): keep the union of what reaches it.
                taint = Taint.Join(existing.Taint, taint)!;
            }

            _bySyntax[argument.Syntax] = new FlowFinding(kind, sink, argument, taint, sinkName, isPromptLog: false);
        }
    }

    /// <summary>Keys of the flow state: symbols compare by <see cref="SymbolEqualityComparer.Default"/>, capture ids by value.</summary>
    internal sealed class SymbolKeyComparer : IEqualityComparer<object>
    {
        public static readonly SymbolKeyComparer Instance = new SymbolKeyComparer();

        public new bool Equals(object? x, object? y) =>
            x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

        public int GetHashCode(object obj) =>
            obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
    }
}
