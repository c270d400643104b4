// Usage: attributes are recognised by SIMPLE name in any namespace, so teams need no ShiftLeft runtime dependency.
//   AttributeNames.Has(method, AttributeNames.Guardrail)           // [Guardrail] / [GuardrailAttribute] / [My.Ns.Guardrail]
//   AttributeNames.HasOnSymbolOrContainingTypes(method, AttributeNames.Guardrail)   // also when a containing type is marked
//   AttributeNames.HasAny(member, names)                           // names without the "Attribute" suffix are accepted too
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class AttributeNames
    {
        public const string Guardrail = "GuardrailAttribute";
        public const string AuditLog = "AuditLogAttribute";
        public const string Redactor = "RedactorAttribute";
        public const string PersonalData = "PersonalDataAttribute";
        public const string ProtectedPersonalData = "ProtectedPersonalDataAttribute";

        /// <summary>True when <paramref name="symbol"/> carries an attribute whose class is named <paramref name="attributeName"/> (or a class deriving from it).</summary>
        public static bool Has(ISymbol? symbol, string attributeName)
        {
            if (symbol is null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
                {
                    if (NameMatches(type.Name, attributeName))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Like <see cref="Has"/>, also looking at every containing type (a marked class marks its members).</summary>
        public static bool HasOnSymbolOrContainingTypes(ISymbol? symbol, string attributeName)
        {
            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (Has(current, attributeName))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool HasAny(ISymbol? symbol, IEnumerable<string> attributeNames)
        {
            foreach (var name in attributeNames)
            {
                if (Has(symbol, name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"GuardrailAttribute" matches a class named GuardrailAttribute or Guardrail.</summary>
        public static bool NameMatches(string className, string attributeName)
        {
            if (string.Equals(className, attributeName, StringComparison.Ordinal))
            {
                return true;
            }

            const string Suffix = "Attribute";
            var bare = attributeName.EndsWith(Suffix, StringComparison.Ordinal) ? attributeName.Substring(0, attributeName.Length - Suffix.Length) : attributeName;
            return string.Equals(className, bare, StringComparison.Ordinal)
                || string.Equals(className, bare + Suffix, StringComparison.Ordinal);
        }
    }
}
