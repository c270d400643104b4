using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.PersonalData.Flow
{
    /// <summary>The state side of the transfer function: reading, assigning and accumulating personal data in variables.</summary>
    internal sealed partial class TaintEvaluator
    {
        private Taint? Lookup(IOperation reference)
        {
            var key = KeyOf(reference);
            if (key is null)
                return null;
            if (_state.TryGetValue(key, out var value))
                return value;

            // A local or parameter named like personal data is a source until a redacted value is assigned to it.
            if (key is not ISymbol symbol || !_rules.IsPersonalData(symbol))
                return null;
            return _toolName is not null && symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } owner } && owner.Name == _toolName
                ? Taint.ModelArgument(Describe(reference), reference.Syntax.GetLocation())
                : Taint.Source(Describe(reference), reference.Syntax.GetLocation());
        }

        private void Assign(IOperation target, Taint? value, IOperation valueOperation)
        {
            var key = KeyOf(target);
            if (key is not null)
                AssignKey(key, value, valueOperation);
        }

        private void AssignKey(object key, Taint? value, IOperation valueOperation)
        {
            if (key is ISymbol symbol && _rules.IsPersonalData(symbol) && !Taint.Carries(value))
            {
                // A variable named "email" holds personal data unless what it receives is known to be clean.
                var knownClean = value is { IsSanitized: true } || valueOperation.ConstantValue.HasValue;
                value = knownClean ? Taint.Sanitized : null;
                if (!knownClean)
                {
                    _state.Remove(key);
                    return;
                }
            }

            Set(key, value);
        }

        private void Set(object key, Taint? value)
        {
            // A variable that a lambda assigns personal data to may hold it after any later assignment too.
            if (_capturedWrites.TryGetValue(key, out var written))
                value = Taint.Join(value, written);

            if (value is null)
            {
                _state.Remove(key);
                return;
            }

            _state[key] = value;
            if (Taint.Carries(value))
                Written[key] = Taint.Join(Written.TryGetValue(key, out var previous) ? previous : null, value)!;
        }

        /// <summary>Adds personal data to what a variable already holds (StringBuilder.Append, list.Add).</summary>
        private void Accumulate(IOperation? receiver, Taint? added)
        {
            if (!Taint.Carries(added) || receiver is null)
                return;
            var key = KeyOf(RootReceiver(receiver));
            while (key is not null)
            {
                _state.TryGetValue(key, out var current);
                Set(key, Taint.Join(current, added));
                key = _captureAliases.TryGetValue(key, out var aliased) ? aliased : null;
            }
        }

        /// <summary>
        /// <c>message.Text = x</c>, <c>arguments["name"] = x</c>, and the same in object initialisers (which the
        /// control-flow graph lowers to assignments on the created instance): the message or collection now holds x.
        /// </summary>
        private void AccumulateIntoContainer(IOperation target, Taint? value, IOperation valueOperation)
        {
            if (!Taint.Carries(value))
                return;
            var instance = target switch
            {
                IPropertyReferenceOperation property => property.Instance,
                IFieldReferenceOperation field => field.Instance,
                _ => null,
            };
            if (instance is null || !(_rules.IsMessageType(instance.Type) || IsCollection(instance.Type)))
                return;
            Accumulate(instance, value!.EnteringAt(Unwrap(valueOperation).Syntax).WithShape(ShapeOf(instance.Type)));
        }

        private void EvaluateTargetSideEffects(IOperation target, int depth)
        {
            switch (target)
            {
                case IPropertyReferenceOperation property:
                    Evaluate(property.Instance, depth);
                    foreach (var argument in property.Arguments)
                        Evaluate(argument.Value, depth);
                    break;
                case IArrayElementReferenceOperation element:
                    foreach (var index in element.Indices)
                        Evaluate(index, depth);
                    break;
            }
        }

        /// <summary>The state key of a local, parameter, flow capture, or field of <c>this</c> / a static field.</summary>
        internal static object? KeyOf(IOperation? operation)
        {
            switch (Unwrap(operation))
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFlowCaptureReferenceOperation capture:
                    return capture.Id;
                case IFieldReferenceOperation field when field.Instance is null || field.Instance is IInstanceReferenceOperation:
                    return field.Field.OriginalDefinition;
                default:
                    return null;
            }
        }

        /// <summary>Strips implicit conversions and parentheses that do not change the value.</summary>
        internal static IOperation Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
                operation = conversion.Operand;
            return operation!;
        }
    }
}
