// Usage (one instance per compilation): var callers = new CallerArguments(shiftLeft);
//   var source = callers.FirstAttackerSource(sink.Value, facts);   // what the member's callers in its type pass, or null
// A sink inside a helper (BuildHistory(string context) => new ChatHistory($"Use: {context}")) reads the helper's
// parameters, which the flow engine names "the parameter 'context'" and SL0006 does not report. One level up is often
// where the data comes from: the calls of the helper in its own type are found (once per method) and the arguments
// they pass for the parameters the value is built from are followed in the caller. The first attacker-controlled one
// is the finding's source. Callers in other types are not searched (a search of the compilation per helper would cost
// more than it finds); their parameters stay quiet, as they are one level further from a known source.
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.PromptInjection
{
    internal sealed class CallerArguments
    {
        private readonly ShiftLeftCompilation _shiftLeft;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IInvocationOperation>> _calls = new(SymbolEqualityComparer.Default);

        public CallerArguments(ShiftLeftCompilation shiftLeft) => _shiftLeft = shiftLeft;

        /// <summary>The first attacker-controlled source a caller of the member passes for a parameter <paramref name="value"/> is built from, with the call's method name.</summary>
        public (UntrustedSource Source, string Through)? FirstAttackerSource(IOperation value, MemberFacts facts)
        {
            var parameters = ParametersBuiltFrom(value, facts);
            if (parameters.Count == 0)
            {
                return null;
            }

            var method = (IMethodSymbol)parameters[0].ContainingSymbol;
            foreach (var call in CallsOf(method))
            {
                var callerFacts = MemberFacts.Gather(OperationScope.GetMemberRoot(call));
                foreach (var argument in call.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter || !parameters.Contains(parameter.OriginalDefinition))
                    {
                        continue;
                    }

                    if (AttackerControlled.FirstOf(_shiftLeft.Untrusted.Of(argument.Value, callerFacts)) is { } source)
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

        private ImmutableArray<IInvocationOperation> CallsOf(IMethodSymbol method)
        {
            var key = method.OriginalDefinition;
            if (_calls.TryGetValue(key, out var known))
            {
                return known;
            }

            var calls = ImmutableArray.CreateBuilder<IInvocationOperation>();
            foreach (var reference in key.ContainingType?.DeclaringSyntaxReferences ?? ImmutableArray<SyntaxReference>.Empty)
            {
                var declaration = reference.GetSyntax();
                SemanticModel? model = null;
                foreach (var node in declaration.DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation && CalledName(invocation.Expression) == key.Name)
                    {
                        model ??= _shiftLeft.Compilation.GetSemanticModel(declaration.SyntaxTree);
                        if (model.GetOperation(invocation) is IInvocationOperation operation
                            && SymbolEqualityComparer.Default.Equals((operation.TargetMethod.ReducedFrom ?? operation.TargetMethod).OriginalDefinition, key))
                        {
                            calls.Add(operation);
                        }
                    }
                }
            }

            return _calls[key] = calls.ToImmutable();
        }

        private static string? CalledName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
