// Usage: SinkAndSourceSearch.HasSinkAndSource(context.OperationBlocks, rules, modelSinksCount)
// The personal-data trigger, run on every member: one walk over its operations that looks for a sink (a log or model
// call) and a source (a field, property, parameter or local that holds personal data, a personal claim, an object with
// personal members handed to a JSON serialiser, or a string literal with an address or a card number in it) and stops
// as soon as it has seen both. One walk, not a walk for sinks and then one for sources: the tree traversal is most of
// the trigger's cost, and most members with a log call have no source.
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.PersonalData.Flow;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal static class SinkAndSourceSearch
    {
        /// <summary>True when the member of the blocks has a sink (a model sink only when those count) and reads a source.</summary>
        public static bool HasSinkAndSource(ImmutableArray<IOperation> blocks, PersonalDataRules rules, bool modelSinksCount, ISymbol owningSymbol)
        {
            var sink = false;
            var source = false;
            foreach (var root in OperationScope.MemberRoots(blocks))
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (operation.Kind == OperationKind.Invocation)
                    {
                        var invocation = (IInvocationOperation)operation;
                        sink = sink || IsSink(invocation, rules, modelSinksCount);
                        source = source || rules.ClaimRead(invocation) is not null || rules.SerializedObject(invocation) is not null;
                    }
                    else
                    {
                        source = source || IsSource(operation, rules);
                    }

                    if (sink && source)
                    {
                        return true;
                    }
                }
            }

            // A tool's return value reaches the model: asked only of a member that reads personal data and has no other sink.
            return source && modelSinksCount && rules.ToolName(owningSymbol) is not null;
        }

        private static bool IsSink(IInvocationOperation invocation, PersonalDataRules rules, bool modelSinksCount) =>
            rules.SinkOf(invocation) is { } kind && (kind == SinkKind.Log || modelSinksCount);

        private static bool IsSource(IOperation operation, PersonalDataRules rules)
        {
            switch (operation.Kind)
            {
                case OperationKind.FieldReference:
                    var field = (IFieldReferenceOperation)operation;
                    return rules.IsPersonalRead(field.Field, field.Instance);
                case OperationKind.PropertyReference:
                    var read = (IPropertyReferenceOperation)operation;
                    return !read.Property.IsIndexer && rules.IsPersonalRead(read.Property, read.Instance);
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
