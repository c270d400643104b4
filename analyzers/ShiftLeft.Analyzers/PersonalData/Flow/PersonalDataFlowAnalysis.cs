using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace ShiftLeft.Analyzers.PersonalData.Flow
{
    /// <summary>
    /// Forward may-analysis of personal data over a method's control-flow graph, then over its lambdas and local
    /// functions (which start from everything the enclosing method could hold: they may run at any point). Values a
    /// lambda writes to captured variables flow back into the enclosing method on a second round.
    /// Only called after a cheap trigger saw both a source and a sink in the method.
    /// </summary>
    internal static class PersonalDataFlowAnalysis
    {
        // A method whose states still change after this many sweeps is generated or pathological: stop, report what is known.
        private const int MaxSweeps = 24;
        private const int MaxNestedGraphs = 64;

        // toolName: the member's name when it is exposed to a model as a tool (what it returns is a sink), else null.
        public static FlowFindings Analyze(ControlFlowGraph graph, IPersonalDataRules rules, string? toolName, CancellationToken cancellationToken)
        {
            // Most methods have no loop, lambda or local function: then one sweep in block order reaches the fixed point
            // and can report directly.
            if (graph.LocalFunctions.IsEmpty && !HasBackEdge(graph))
            {
                var direct = new FlowFindings();
                var evaluator = new TaintEvaluator(rules, direct, NewState(), cancellationToken, toolName);
                var outStates = new Dictionary<object, Taint>?[graph.Blocks.Length];
                var union = NewState();
                foreach (var block in graph.Blocks)
                {
                    var state = EntryStateOf(block, outStates, NewState(), entryArguments: null, union);
                    foreach (var operation in block.Operations)
                        evaluator.Execute(operation, state, reporting: true);
                    ExecuteBranch(evaluator, block, state, toolName);
                    outStates[block.Ordinal] = state;
                    MergeInto(union, state);
                }

                if (evaluator.AnonymousFunctions.Count == 0)
                    return direct;
            }

            var findings = new FlowFindings();
            var ambient = NewState();
            var budget = MaxNestedGraphs;
            for (var round = 0; round < 2; round++)
            {
                var captured = NewState();
                AnalyzeGraph(graph, owner: null, rules, findings, ambient, entryArguments: null, captured, ref budget, cancellationToken, reporting: false, toolName: null);
                if (!MergeInto(ambient, captured))
                    break;
            }

            budget = MaxNestedGraphs;
            AnalyzeGraph(graph, owner: null, rules, findings, ambient, entryArguments: null, NewState(), ref budget, cancellationToken, reporting: true, toolName);
            return findings;
        }

        private static Dictionary<object, Taint> AnalyzeGraph(
            ControlFlowGraph graph,
            ISymbol? owner,
            IPersonalDataRules rules,
            FlowFindings findings,
            Dictionary<object, Taint> ambient,
            Dictionary<object, Taint>? entryArguments,
            Dictionary<object, Taint> capturedWrites,
            ref int budget,
            CancellationToken cancellationToken,
            bool reporting,
            string? toolName)
        {
            var evaluator = new TaintEvaluator(rules, findings, ambient, cancellationToken, toolName);
            var blocks = graph.Blocks;
            var outStates = new Dictionary<object, Taint>?[blocks.Length];
            var union = NewState();

            // Round-robin sweeps in block order reach the fixed point quickly for structured code.
            for (var sweep = 0; sweep < MaxSweeps; sweep++)
            {
                var changed = false;
                foreach (var block in blocks)
                {
                    var state = EntryStateOf(block, outStates, ambient, entryArguments, union);
                    foreach (var operation in block.Operations)
                        evaluator.Execute(operation, state, reporting: false);
                    if (block.BranchValue is not null)
                        evaluator.Execute(block.BranchValue, state, reporting: false);

                    if (outStates[block.Ordinal] is not { } previous || !SameStates(previous, state))
                    {
                        outStates[block.Ordinal] = state;
                        changed = true;
                    }

                    MergeInto(union, state);
                }

                if (!changed)
                    break;
            }

            if (reporting)
            {
                foreach (var block in blocks)
                {
                    var state = EntryStateOf(block, outStates, ambient, entryArguments, union);
                    foreach (var operation in block.Operations)
                        evaluator.Execute(operation, state, reporting: true);
                    ExecuteBranch(evaluator, block, state, toolName);
                }
            }

            // Variables of an enclosing method that this lambda or local function assigned personal data to.
            if (owner is not null)
            {
                foreach (var pair in evaluator.Written)
                {
                    if (pair.Key is ISymbol symbol && (symbol is ILocalSymbol || symbol is IParameterSymbol)
                        && !SymbolEqualityComparer.Default.Equals(symbol.ContainingSymbol, owner))
                        capturedWrites[pair.Key] = Taint.Join(capturedWrites.TryGetValue(pair.Key, out var c) ? c : null, pair.Value)!;
                }
            }

            AnalyzeNested(graph, rules, findings, evaluator, union, capturedWrites, ref budget, cancellationToken, reporting);
            return union;
        }

        private static void AnalyzeNested(
            ControlFlowGraph graph,
            IPersonalDataRules rules,
            FlowFindings findings,
            TaintEvaluator evaluator,
            Dictionary<object, Taint> enclosingUnion,
            Dictionary<object, Taint> capturedWrites,
            ref int budget,
            CancellationToken cancellationToken,
            bool reporting)
        {
            foreach (var lambda in evaluator.AnonymousFunctions.OrderBy(l => l.Syntax.SpanStart))
            {
                if (--budget < 0)
                    return;
                var nested = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                AnalyzeGraph(nested, lambda.Symbol, rules, findings, enclosingUnion, entryArguments: null, capturedWrites, ref budget, cancellationToken, reporting, toolName: null);
            }

            foreach (var localFunction in graph.LocalFunctions)
            {
                if (--budget < 0)
                    return;
                var nested = graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
                var arguments = NewState();
                foreach (var parameter in localFunction.Parameters)
                {
                    if (evaluator.LocalFunctionArguments.TryGetValue(parameter, out var taint))
                        arguments[parameter] = taint;
                }

                AnalyzeGraph(nested, localFunction, rules, findings, enclosingUnion, arguments, capturedWrites, ref budget, cancellationToken, reporting, toolName: null);
            }
        }

        /// <summary>A block's branch value, in reporting mode: a tool's returned value is checked as a sink.</summary>
        private static void ExecuteBranch(TaintEvaluator evaluator, BasicBlock block, Dictionary<object, Taint> state, string? toolName)
        {
            if (block.BranchValue is null)
                return;
            if (toolName is not null && block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                evaluator.CheckToolResult(block.BranchValue, toolName, state);
            else
                evaluator.Execute(block.BranchValue, state, reporting: true);
        }

        private static Dictionary<object, Taint> EntryStateOf(
            BasicBlock block,
            Dictionary<object, Taint>?[] outStates,
            Dictionary<object, Taint> ambient,
            Dictionary<object, Taint>? entryArguments,
            Dictionary<object, Taint> union)
        {
            var state = NewState();
            MergeInto(state, ambient);
            if (block.Kind == BasicBlockKind.Entry)
            {
                if (entryArguments is not null)
                    MergeInto(state, entryArguments);
                return state;
            }

            if (block.Predecessors.IsEmpty)
            {
                // catch and finally blocks have no ordinary predecessor: they may start from anything seen so far.
                MergeInto(state, union);
                return state;
            }

            Dictionary<object, Taint>? joined = null;
            foreach (var branch in block.Predecessors)
            {
                var predecessor = outStates[branch.Source.Ordinal];
                if (predecessor is null)
                    continue;
                if (joined is null)
                {
                    joined = NewState();
                    MergeInto(joined, predecessor);
                }
                else
                {
                    JoinInto(joined, predecessor);
                }
            }

            if (joined is not null)
                MergeInto(state, joined);
            return state;
        }

        /// <summary>Adds what <paramref name="source"/> holds to <paramref name="target"/>; true when anything changed.</summary>
        private static bool MergeInto(Dictionary<object, Taint> target, Dictionary<object, Taint> source)
        {
            var changed = false;
            foreach (var pair in source)
            {
                target.TryGetValue(pair.Key, out var current);
                var joined = current is null ? pair.Value : Taint.Join(current, pair.Value);
                if (joined is null || (current is not null && current.SameAs(joined)))
                    continue;
                target[pair.Key] = joined;
                changed = true;
            }

            return changed;
        }

        /// <summary>Control-flow join: a key missing on one side means "not personal there", except for
        /// a redacted marker, which only survives when every side has it.</summary>
        private static void JoinInto(Dictionary<object, Taint> target, Dictionary<object, Taint> other)
        {
            foreach (var key in target.Keys.ToList())
            {
                other.TryGetValue(key, out var right);
                var joined = Taint.Join(target[key], right);
                if (joined is null)
                    target.Remove(key);
                else
                    target[key] = joined;
            }

            foreach (var pair in other)
            {
                if (!target.ContainsKey(pair.Key) && Taint.Carries(pair.Value))
                    target[pair.Key] = pair.Value;
            }
        }

        private static bool SameStates(Dictionary<object, Taint> a, Dictionary<object, Taint> b)
        {
            if (a.Count != b.Count)
                return false;
            foreach (var pair in a)
            {
                if (!b.TryGetValue(pair.Key, out var other) || !pair.Value.SameAs(other))
                    return false;
            }

            return true;
        }

        private static bool HasBackEdge(ControlFlowGraph graph)
        {
            foreach (var block in graph.Blocks)
            {
                if ((block.FallThroughSuccessor?.Destination is { } next && next.Ordinal <= block.Ordinal)
                    || (block.ConditionalSuccessor?.Destination is { } jump && jump.Ordinal <= block.Ordinal))
                    return true;
            }

            return false;
        }

        private static Dictionary<object, Taint> NewState() => new Dictionary<object, Taint>(SymbolKeyComparer.Instance);
    }
}
