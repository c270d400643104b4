// Usage:
//   shiftLeft.Guardrails.IsGuardrailMethod(invocation.TargetMethod)   // shiftleft.guardrail_methods, [Guardrail], OpenAI moderation
//   shiftLeft.Guardrails.IsGuardrailType(createdType)                 // a guard middleware type (configured Namespace.Type or [Guardrail])
//   shiftLeft.Guardrails.IsInsideGuardrail(enclosingSymbol)           // code inside a [Guardrail]/configured method or type
// Guardrails filter for safety (prompt injection, harmful output), not for privacy: SL0003/SL0004 let data pass through them.
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class GuardrailClassifier
    {
        private readonly AiSymbols _symbols;
        private readonly SymbolNameList _configured;
        private readonly AnswerCache<IMethodSymbol, bool> _methods;
        private readonly AnswerCache<ITypeSymbol, bool> _types;

        public GuardrailClassifier(AiSymbols symbols, ShiftLeftOptions options)
        {
            _symbols = symbols;
            _configured = options.GuardrailMethods;
            _methods = new AnswerCache<IMethodSymbol, bool>(SymbolEqualityComparer.Default, ClassifyMethod);
            _types = new AnswerCache<ITypeSymbol, bool>(SymbolEqualityComparer.Default, ClassifyType);
        }

        public bool IsGuardrailMethod(IMethodSymbol? method)
        {
            if (method is null)
            {
                return false;
            }

            return _methods.Get((method.ReducedFrom ?? method).OriginalDefinition);
        }

        private bool ClassifyMethod(IMethodSymbol declared)
        {
            if (_configured.MatchesMethod(declared) || AttributeNames.HasOnSymbolOrContainingTypes(declared, AttributeNames.Guardrail))
            {
                return true;
            }

            // OpenAI's moderation endpoint is a guard, not a model call.
            return _symbols.OpenAIModerationClient is not null
                && SymbolEqualityComparer.Default.Equals(declared.ContainingType, _symbols.OpenAIModerationClient)
                && (declared.Name.StartsWith("ClassifyText", System.StringComparison.Ordinal) || declared.Name.StartsWith("ClassifyInputs", System.StringComparison.Ordinal));
        }

        public bool IsGuardrailType(ITypeSymbol? type)
        {
            return type is not null && _types.Get(type.OriginalDefinition);
        }

        private bool ClassifyType(ITypeSymbol type)
        {
            if (_configured.MatchesType(type))
            {
                return true;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (AttributeNames.Has(current, AttributeNames.Guardrail))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True inside a method or type that is itself a guardrail (a guard may call a judge model).</summary>
        public bool IsInsideGuardrail(ISymbol? enclosing)
        {
            for (var current = enclosing; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                // The enclosing source method is asked about once per model call: classified directly, not cached (a
                // cache entry per source method costs more than the check). Its containing types are cached below.
                if (current is IMethodSymbol method && (_configured.MatchesMethod(method) || AttributeNames.HasBound(method, AttributeNames.Guardrail)))
                {
                    return true;
                }

                if (current is INamedTypeSymbol type && IsGuardrailType(type))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
