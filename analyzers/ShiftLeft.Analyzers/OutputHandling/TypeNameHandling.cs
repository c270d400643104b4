// Usage: TypeNameHandling.IsOn(invocation.Arguments)   // Json.NET settings that make it instantiate the types a text names
// The settings argument made in the call (new JsonSerializerSettings { TypeNameHandling = … }) or held in a local the
// member sets it on; settings from elsewhere (a field, DI) are not followed, so the call is not a sink for SL0007.
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.OutputHandling
{
    internal static class TypeNameHandling
    {
        public static bool IsOn(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name != "settings" || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var settings = OperationScope.Unwrap(argument.Value);
                if (settings is IObjectCreationOperation)
                {
                    return SetsTypeNames(settings, local: null);
                }

                if (settings is ILocalReferenceOperation local)
                {
                    return SetsTypeNames(OperationScope.GetMemberRoot(settings), local.Local);
                }
            }

            return false;
        }

        /// <summary>An assignment of a TypeNameHandling other than None under <paramref name="root"/> (to <paramref name="local"/>'s settings when given).</summary>
        private static bool SetsTypeNames(IOperation root, ILocalSymbol? local)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "TypeNameHandling" } target } assignment
                    && OperationScope.Unwrap(assignment.Value).ConstantValue is { HasValue: true, Value: not 0 }
                    && (local is null || target.Instance is IInstanceReferenceOperation or ILocalReferenceOperation && AssignsTo(target.Instance, local)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AssignsTo(IOperation? instance, ILocalSymbol local) => instance switch
        {
            ILocalReferenceOperation reference => SymbolEqualityComparer.Default.Equals(reference.Local, local),
            // In an object initializer: the object being made is the local when the creation initialises it.
            IInstanceReferenceOperation => true,
            _ => false,
        };
    }
}
