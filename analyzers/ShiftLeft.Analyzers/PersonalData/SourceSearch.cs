// Usage: SourceSearch.AnyIn(context.OperationBlocks, rules)   // does the method read personal data anywhere?
// The cheap half of the personal-data trigger, run on every method that has a sink: one pass over its operations that
// stops at the first personal-data source (a field, property, parameter or local that holds personal data, or a string
// literal with an address or a card number in it).
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal static class SourceSearch
    {
        /// <summary>True when any of the blocks reads a personal-data source.</summary>
        public static bool AnyIn(ImmutableArray<IOperation> blocks, PersonalDataRules rules)
        {
            foreach (var root in OperationScope.MemberRoots(blocks))
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (IsSource(operation, rules))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsSource(IOperation operation, PersonalDataRules rules)
        {
            switch (operation.Kind)
            {
                case OperationKind.FieldReference:
                    return rules.IsPersonalData(((IFieldReferenceOperation)operation).Field);
                case OperationKind.PropertyReference:
                    var property = ((IPropertyReferenceOperation)operation).Property;
                    return !property.IsIndexer && rules.IsPersonalData(property);
                case OperationKind.ParameterReference:
                    return rules.IsPersonalData(((IParameterReferenceOperation)operation).Parameter);
                case OperationKind.LocalReference:
                    return rules.IsPersonalData(((ILocalReferenceOperation)operation).Local);
                case OperationKind.Literal:
                    return operation.Type?.SpecialType == SpecialType.System_String && PersonalDataLiterals.Describe(LiteralText(operation)) is not null;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A string literal's text, from its token where there is one: the operation's ConstantValue rebuilds the string
        /// from the compiler's rope representation.
        /// </summary>
        private static string? LiteralText(IOperation literal) => literal.Syntax switch
        {
            LiteralExpressionSyntax expression => expression.Token.Value as string,
            InterpolatedStringTextSyntax text => text.TextToken.ValueText,
            _ => literal.ConstantValue.HasValue ? literal.ConstantValue.Value as string : null,
        };
    }
}
