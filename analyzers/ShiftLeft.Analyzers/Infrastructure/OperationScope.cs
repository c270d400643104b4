// Usage: helpers for intra-procedural reasoning over IOperation trees.
//   var root = OperationScope.GetMemberRoot(operation);   // the member body, INCLUDING its lambdas and local functions
//   foreach (var op in root.DescendantsAndSelf()) ...
//   OperationScope.TryGetTrackedSymbol(op, out var symbol)  // local / parameter / this-field / this-property / static member
//   OperationScope.Unwrap(op)                               // strips conversions and parentheses
// Cheap and allocation-light; never throws on incomplete code (missing nodes come back as IInvalidOperation).
using System.Collections.Generic;
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

        public static IOperation Unwrap(IOperation operation)
        {
            var current = operation;
            while (true)
            {
                switch (current)
                {
                    case IConversionOperation conversion:
                        current = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        current = parenthesized.Operand;
                        break;
                    default:
                        return current;
                }
            }
        }

        /// <summary>Locals, parameters, and fields/properties of <c>this</c> or static ones: the storage a value can be tracked through.</summary>
        public static bool TryGetTrackedSymbol(IOperation operation, out ISymbol symbol)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    symbol = local.Local;
                    return true;
                case IParameterReferenceOperation parameter:
                    symbol = parameter.Parameter;
                    return true;
                case IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation:
                    symbol = field.Field;
                    return true;
                case IPropertyReferenceOperation property when property.Arguments.Length == 0 && (property.Instance is null or IInstanceReferenceOperation):
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
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (TryGetTrackedSymbol(descendant, out var symbol))
                {
                    into.Add(symbol);
                }
            }
        }

        /// <summary>True when <paramref name="operation"/> reads one of <paramref name="symbols"/> or contains <paramref name="target"/>.</summary>
        public static bool Mentions(IOperation operation, HashSet<ISymbol> symbols, IOperation? target = null)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (target is not null && descendant == target)
                {
                    return true;
                }

                if (symbols.Count > 0 && TryGetTrackedSymbol(descendant, out var symbol) && symbols.Contains(symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The receiver an invocation mutates: its instance, or the <c>this</c> argument of an extension.</summary>
        public static IOperation? GetInvocationTarget(IInvocationOperation invocation) => ModelCallClassifier.GetReceiver(invocation);
    }
}
