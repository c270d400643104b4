// Usage (one instance per compilation): var callers = new CallerArguments(shiftLeft);
//   callers.FirstSource(sink.Value, facts, shiftLeft.Untrusted, AttackerControlled.FirstOf)   // SL0006
//   callers.FirstSource(prompt, facts, shiftLeft.Secrets, FirstSecret)                       // SL0009
//   callers.PassedToHelper(call, facts, containingSymbol)                                   // SL0002
//   message + CallerArguments.PassedBy(through)      // ", passed by a call of 'Ask'," — the one wording of the three rules
// A sink inside a helper (BuildHistory(string context) => new ChatHistory($"Use: {context}")) reads the helper's
// parameters, which the flow engine names "the parameter 'context'" and the rules do not report. One level up is often
// where the data comes from: the calls of the helper in the compilation (the flow engine's MethodCallers, found once
// per method) and the arguments they pass for the parameters the value is built from are followed in the caller, with
// the rule's own flow (outside data, or secrets). The first source the rule reports is the finding's source. Only one
// level: the callers' own parameters stay quiet, as they are one level further from a known source.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal sealed class CallerArguments
    {
        private readonly ShiftLeftCompilation _shiftLeft;

        public CallerArguments(ShiftLeftCompilation shiftLeft) => _shiftLeft = shiftLeft;

        /// <summary>
        /// The first source <paramref name="pick"/> chooses among what <paramref name="flow"/> finds in the arguments a caller
        /// of the member passes for the parameters <paramref name="value"/> is built from, with the called method's name.
        /// </summary>
        public (UntrustedSource Source, string Through)? FirstSource(IOperation value, MemberFacts facts, UntrustedFlow flow, Func<UntrustedSources, UntrustedSource?> pick)
        {
            var parameters = ParametersBuiltFrom(value, facts);
            if (parameters.Count == 0)
            {
                return null;
            }

            var method = (IMethodSymbol)parameters[0].ContainingSymbol;
            foreach (var call in _shiftLeft.Untrusted.Callers.Of(method))
            {
                var callerFacts = MemberFacts.Gather(OperationScope.GetMemberRoot(call));
                foreach (var argument in call.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter || !parameters.Contains(parameter.OriginalDefinition))
                    {
                        continue;
                    }

                    if (pick(flow.Of(argument.Value, callerFacts)) is { } source)
                    {
                        return (source, method.Name);
                    }
                }
            }

            return null;
        }

        /// <summary>How a message says that a caller of the helper passed the source: after the source's description.</summary>
        public static string PassedBy(string through) => ", passed by a call of '" + through + "',";

        /// <summary>
        /// SL0002: null when the question does not apply (the prompt carries more than the parameters of <paramref name="containing"/>,
        /// or not every call of it is in view) and the prompt's own sources stand; otherwise what the callers pass:
        /// no source when they pass only trusted values, else the most specific source one of them passes.
        /// </summary>
        public (UntrustedSource? Source, string Through)? PassedToHelper(in ModelCall call, MemberFacts facts, ISymbol containing)
        {
            var flow = _shiftLeft.Untrusted;
            if (containing is not IMethodSymbol { MethodKind: MethodKind.Ordinary } helper || !flow.Callers.AreAllVisible(helper))
            {
                return null;
            }

            var own = flow.PromptOf(call, facts, placeholdersOf: helper);
            if (own.IsEmpty || own.IsFull)
            {
                return null;
            }

            foreach (var source in own.All)
            {
                if (source.Placeholder is null)
                {
                    return null;
                }
            }

            var calls = flow.Callers.Of(helper);
            if (calls.IsEmpty)
            {
                return null;
            }

            UntrustedSource? passed = null;
            foreach (var caller in calls)
            {
                var root = OperationScope.GetMemberRoot(caller);
                var callerFacts = MemberFacts.Gather(root);

                // A recursive call passes the helper's own parameters on: those are answered by the other calls.
                var modelCall = call.Invocation.Syntax;
                var recursive = root.Syntax.SyntaxTree == modelCall.SyntaxTree && root.Syntax.FullSpan.Contains(modelCall.Span);
                foreach (var source in own.All)
                {
                    if (FlowWalk.ArgumentFor(caller, source.Placeholder!.Ordinal) is not { } argument)
                    {
                        continue;
                    }

                    var sent = flow.Of(argument, callerFacts, placeholdersOf: recursive ? helper : null);
                    foreach (var candidate in sent.IsEmpty ? System.Collections.Immutable.ImmutableArray<UntrustedSource>.Empty : sent.All)
                    {
                        if (candidate.Placeholder is null && (passed is null || candidate.Specificity > passed.Specificity))
                        {
                            passed = candidate;
                        }
                    }

                    if (recursive && sent.IsFull && passed is null)
                    {
                        return null;
                    }
                }
            }

            return (passed, helper.Name);
        }

        /// <summary>The parameters of an ordinary method <paramref name="value"/> is built from (through the member's locals).</summary>
        private static List<IParameterSymbol> ParametersBuiltFrom(IOperation value, MemberFacts facts)
        {
            var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            OperationScope.CollectTrackedSymbols(value, symbols);
            bool changed;
            do
            {
                changed = false;
                foreach (var write in facts.Writes)
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

            var parameters = new List<IParameterSymbol>();
            foreach (var symbol in symbols)
            {
                if (symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } method } parameter
                    && (parameters.Count == 0 || SymbolEqualityComparer.Default.Equals(parameters[0].ContainingSymbol, method)))
                {
                    parameters.Add((IParameterSymbol)parameter.OriginalDefinition);
                }
            }

            return parameters;
        }
    }
}
