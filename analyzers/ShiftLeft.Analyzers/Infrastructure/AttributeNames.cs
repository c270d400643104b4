// Usage: attributes are recognised by SIMPLE name in any namespace, so teams need no ShiftLeft runtime dependency.
//   AttributeNames.Has(method, AttributeNames.Guardrail)           // [Guardrail] / [GuardrailAttribute] / [My.Ns.Guardrail]
//   AttributeNames.HasOnSymbolOrContainingTypes(method, AttributeNames.Guardrail)   // also when a containing type is marked
//   AttributeNames.HasAny(member, names)                           // names without the "Attribute" suffix are accepted too
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class AttributeNames
    {
        public const string Guardrail = "GuardrailAttribute";
        public const string AuditLog = "AuditLogAttribute";
        public const string Redactor = "RedactorAttribute";
        public const string PersonalData = "PersonalDataAttribute";
        public const string ProtectedPersonalData = "ProtectedPersonalDataAttribute";
        public const string ToolApprover = "ToolApproverAttribute";
        public const string AllowAutoInvoke = "AllowAutoInvokeAttribute";
        public const string OutputValidator = "OutputValidatorAttribute";

        /// <summary>True when <paramref name="symbol"/> carries an attribute whose class is named <paramref name="attributeName"/> (or a class deriving from it).</summary>
        public static bool Has(ISymbol? symbol, string attributeName) =>
            symbol is not null && MayHaveAttributes(symbol) && HasBound(symbol, attributeName);

        /// <summary>
        /// <see cref="Has"/> without the check for attributes written in source: for the member whose body is being
        /// analysed, whose attributes the compiler bound before its body (a cached read, cheaper than the check).
        /// </summary>
        public static bool HasBound(ISymbol symbol, string attributeName)
        {
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

        /// <summary>
        /// Whether the symbol can carry attributes: a source symbol only when a declaration of it is written with some.
        /// Asking a source symbol for its attributes binds them (a build does that later anyway, once), and the rules ask
        /// about every model call's method and every field and property a method with a sink reads; most have none.
        /// </summary>
        public static bool MayHaveAttributes(ISymbol symbol)
        {
            var references = symbol.DeclaringSyntaxReferences;
            if (references.IsEmpty)
            {
                return true;
            }

            foreach (var reference in references)
            {
                var written = reference.GetSyntax() switch
                {
                    MemberDeclarationSyntax member => member.AttributeLists.Count,
                    ParameterSyntax parameter => parameter.AttributeLists.Count, // a record's positional property
                    VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field } => field.AttributeLists.Count,
                    _ => 1, // accessors, local functions, lambdas: asked the usual way
                };
                if (written > 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"GuardrailAttribute" matches a class named GuardrailAttribute or Guardrail.</summary>
        public static bool NameMatches(string className, string attributeName)
        {
            // Without building "bare" or "bare + Attribute" strings: this runs for every attribute of every symbol asked about.
            const string Suffix = "Attribute";
            var bareLength = attributeName.EndsWith(Suffix, StringComparison.Ordinal) ? attributeName.Length - Suffix.Length : attributeName.Length;
            if (className.Length == bareLength)
            {
                return string.CompareOrdinal(className, 0, attributeName, 0, bareLength) == 0;
            }

            return className.Length == bareLength + Suffix.Length
                && string.CompareOrdinal(className, 0, attributeName, 0, bareLength) == 0
                && string.CompareOrdinal(className, bareLength, Suffix, 0, Suffix.Length) == 0;
        }
    }
}
