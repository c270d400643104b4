// Usage: helpers for intra-procedural reasoning over IOperation trees.
//   var root = OperationScope.GetMemberRoot(operation);   // the member body, INCLUDING its lambdas and local functions
//   foreach (var root in OperationScope.MemberRoots(context.OperationBlocks)) ...   // each root of a member's blocks once
//   OperationScope.TryGetTrackedSymbol(op, out var symbol)  // local / parameter / this-field / this-property / static member
//   OperationScope.Unwrap(op)                               // strips conversions and parentheses
// Cheap and allocation-light; never throws on incomplete code (missing nodes come back as IInvalidOperation).
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class OperationScope
    {
        public static IOperation GetMemberRoot(IOperation operation)
        {
            var current = operation;
            while (current.Parent is not null)
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>
        /// The distinct member roots of an operation block action's blocks (a method's body, parameter defaults and
        /// attribute arguments may hang under one root or several): each is searched once.
        /// </summary>
        public static IEnumerable<IOperation> MemberRoots(ImmutableArray<IOperation> blocks)
        {
            var seen = new List<IOperation>(blocks.Length);
            foreach (var block in blocks)
            {
                var root = GetMemberRoot(block);
                if (!seen.Contains(root))
                {
                    seen.Add(root);
                    yield return root;
                }
            }
        }

        /// <summary>True when <paramref name="inner"/> is <paramref name="outer"/> or sits below it (walks up, not down).</summary>
        public static bool IsWithin(IOperation inner, IOperation outer)
        {
            for (var current = inner; current is not null; current = current.Parent)
            {
                if (current == outer)
                {
                    return true;
                }
            }

            return false;
        }

        public static IOperation Unwrap(IOperation operation)
        {
            // Kind (a field read) before any interface cast: these two helpers run on every operation the rules walk.
            var current = operation;
            while (true)
            {
                switch (current.Kind)
                {
                    case OperationKind.Conversion:
                        current = ((IConversionOperation)current).Operand;
                        break;
                    case OperationKind.Parenthesized:
                        current = ((IParenthesizedOperation)current).Operand;
                        break;
                    default:
                        return current;
                }
            }
        }

        /// <summary>Locals, parameters, and fields/properties of <c>this</c> or static ones: the storage a value can be tracked through.</summary>
        public static bool TryGetTrackedSymbol(IOperation operation, out ISymbol symbol)
        {
            switch (operation.Kind)
            {
                case OperationKind.LocalReference:
                    symbol = ((ILocalReferenceOperation)operation).Local;
                    return true;
                case OperationKind.ParameterReference:
                    symbol = ((IParameterReferenceOperation)operation).Parameter;
                    return true;
                case OperationKind.FieldReference when ((IFieldReferenceOperation)operation).Instance is null or IInstanceReferenceOperation:
                    symbol = ((IFieldReferenceOperation)operation).Field;
                    return true;
                case OperationKind.PropertyReference when operation is IPropertyReferenceOperation { Arguments.Length: 0, Instance: null or IInstanceReferenceOperation } property:
                    symbol = property.Property;
                    return true;
                default:
                    symbol = null!;
                    return false;
            }
        }

        /// <summary>Every tracked symbol read anywhere inside <paramref name="operation"/>.</summary>
        public static void CollectTrackedSymbols(IOperation operation, HashSet<ISymbol> into)
        {
            foreach (var current in operation.DescendantsAndSelf())
            {
                if (TryGetTrackedSymbol(current, out var symbol))
                {
                    into.Add(symbol);
                }
            }
        }

        /// <summary>The receiver an invocation mutates: its instance, or the <c>this</c> argument of an extension.</summary>
        public static IOperation? GetInvocationTarget(IInvocationOperation invocation) => ModelCallClassifier.GetReceiver(invocation);
    }
}
