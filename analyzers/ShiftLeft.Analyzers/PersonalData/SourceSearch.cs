// Usage: SourceSearch.AnyIn(context.OperationBlocks, rules)   // does the method read personal data anywhere?
// The cheap half of the personal-data trigger, run on every method that has a sink: one pass over its listed operations
// (MemberOperations) that stops at the first personal-data source (a field, property, parameter or local that holds personal data, or a string
// literal with an address or a card number in it).
using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal sealed class SourceSearch
    {
        // A method reads the same few symbols again and again (its parameters and locals, the logger field): each is
        // asked about in the per-compilation caches once per method, then recognised here by reference. Only symbols
        // that are not personal data are remembered: the first one that is ends the search.
        private const int Remembered = 16;

        // One per thread, reused: this runs for every method with a sink.
        [ThreadStatic]
        private static SourceSearch? t_search;

        private readonly ISymbol?[] _clean = new ISymbol?[Remembered];
        private PersonalDataRules? _rules;
        private int _cleanCount;

        /// <summary>True when any of the blocks reads a personal-data source.</summary>
        public static bool AnyIn(ImmutableArray<IOperation> blocks, PersonalDataRules rules)
        {
            var search = t_search ?? new SourceSearch();
            t_search = null;
            search._rules = rules;
            try
            {
                return MemberOperations.AnyIn(blocks, search, static (operation, kind, search) => search.IsSource(operation, kind));
            }
            finally
            {
                // Emptied, so the kept search holds no symbol or compilation between methods.
                Array.Clear(search._clean, 0, search._cleanCount);
                search._cleanCount = 0;
                search._rules = null;
                t_search = search;
            }
        }

        // Dispatch on Kind (a field read) before any interface cast: this runs on every operation of the method.
        private bool IsSource(IOperation operation, OperationKind kind)
        {
            switch (kind)
            {
                case OperationKind.FieldReference:
                    return IsPersonalData(((IFieldReferenceOperation)operation).Field);
                case OperationKind.PropertyReference:
                    var property = ((IPropertyReferenceOperation)operation).Property;
                    return !property.IsIndexer && IsPersonalData(property);
                case OperationKind.ParameterReference:
                    return IsPersonalData(((IParameterReferenceOperation)operation).Parameter);
                case OperationKind.LocalReference:
                    return IsPersonalData(((ILocalReferenceOperation)operation).Local);
                case OperationKind.Literal:
                    return operation.Type?.SpecialType == SpecialType.System_String && PersonalDataLiterals.Describe(LiteralText(operation)) is not null;
                default:
                    return false;
            }
        }

        private bool IsPersonalData(ISymbol symbol)
        {
            for (var index = 0; index < _cleanCount; index++)
            {
                if (ReferenceEquals(_clean[index], symbol))
                {
                    return false;
                }
            }

            if (_rules!.IsPersonalData(symbol))
            {
                return true;
            }

            if (_cleanCount < Remembered)
            {
                _clean[_cleanCount++] = symbol;
            }

            return false;
        }

        /// <summary>
        /// A string literal's text, from its token where there is one: the operation's ConstantValue rebuilds the string
        /// from the compiler's rope representation, and this runs on every string literal of the method.
        /// </summary>
        private static string? LiteralText(IOperation literal) => literal.Syntax switch
        {
            LiteralExpressionSyntax expression => expression.Token.Value as string,
            InterpolatedStringTextSyntax text => text.TextToken.ValueText,
            _ => literal.ConstantValue.HasValue ? literal.ConstantValue.Value as string : null,
        };
    }
}
