// Usage (one instance per compilation): var callers = new CallerArguments(shiftLeft);
//   callers.FirstSource(sink.Value, facts, shiftLeft.Untrusted, AttackerControlled.FirstOf)   // SL0006
//   callers.FirstSource(prompt, facts, shiftLeft.Secrets, FirstSecret)                       // SL0009
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
