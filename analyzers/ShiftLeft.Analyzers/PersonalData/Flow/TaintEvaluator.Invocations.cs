using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.PersonalData.Flow
{
    /// <summary>Invocation and object-creation rules: what carries personal data, what stops it, where it is reported.</summary>
    internal sealed partial class TaintEvaluator
    {
        private Taint? EvaluateInvocation(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            var receiver = Evaluate(invocation.Instance, depth);
            var arguments = new Taint?[invocation.Arguments.Length];
            for (var i = 0; i < arguments.Length; i++)
                arguments[i] = Evaluate(invocation.Arguments[i].Value, depth);

            if (method.MethodKind == MethodKind.LocalFunction)
                RecordLocalFunctionArguments(invocation, arguments);

            if (!_classifications.TryGetValue(invocation, out var classification))
            {
                classification = _rules.Classify(invocation);
                _classifications[invocation] = classification;
            }

            switch (classification.Role)
            {
                case InvocationRole.Redactor:
                    return Taint.Sanitized;
                case InvocationRole.Guardrail:
                    // Safety filters pass personal data through untouched.
                    return Taint.Carries(receiver) ? receiver : JoinCarried(invocation, arguments);
                case InvocationRole.ModelCall:
                    {
                        var prompt = CheckSink(SinkKind.Model, invocation, classification);
                        return Taint.Carries(prompt) && !PersonalDataTypes.IsNeverPersonal(invocation.Type)
                            ? prompt!.WithShape(TaintShape.Response)
                            : null;
                    }

                case InvocationRole.Log:
                    CheckSink(SinkKind.Log, invocation, classification);
                    return null;
            }

            // User.FindFirst(ClaimTypes.Email), GetValue(claims, "phone_number"): a personal claim is read.
            if (_rules.ClaimRead(invocation) is { } claim && !PersonalDataTypes.IsNeverPersonal(invocation.Type))
                return Taint.Source(claim, invocation.Syntax.GetLocation());

            return Propagate(invocation, method, receiver, arguments);
        }

        /// <summary>What a tool returns goes to the model: reported (SL0004) on the returned value when it carries personal data.</summary>
        public void CheckToolResult(IOperation returned, string toolName, Dictionary<object, Taint> state)
        {
            _state = state;
            _reporting = true;
            _argumentValues.Clear();
            var taint = Evaluate(returned, 0);
            if (Taint.Carries(taint) && !taint!.OnlyModelArguments)
                _findings.Add(SinkKind.ToolResult, returned, returned, taint!, toolName);
        }

        /// <summary>The framework methods that carry personal data from their inputs to their result or receiver.</summary>
        private Taint? Propagate(IInvocationOperation invocation, IMethodSymbol method, Taint? receiver, Taint?[] arguments)
        {
            var types = _rules.Types;
            var containing = method.ContainingType;
            var resultCanCarry = !PersonalDataTypes.IsNeverPersonal(invocation.Type);

            // Interpolated string handlers (StringBuilder.Append($"…"), string.Create(provider, $"…")), which the
            // control-flow graph lowers to AppendLiteral / AppendFormatted calls on the handler.
            if (containing is not null && containing.Name.EndsWith("InterpolatedStringHandler", System.StringComparison.Ordinal))
            {
                if (method.Name.StartsWith("Append", System.StringComparison.Ordinal))
                {
                    Accumulate(invocation.Instance, ComposeArguments(invocation, arguments, TaintShape.None));
                    return null;
                }

                return resultCanCarry ? receiver : null;
            }

            if (containing?.SpecialType == SpecialType.System_String)
            {
                if (method.IsStatic && (method.Name == "Format" || method.Name == "Concat" || method.Name == "Join" || method.Name == "Create"))
                    return ComposeArguments(invocation, arguments, TaintShape.None);

                // template.Replace("{{form}}", json), text.Insert(0, name): the text put in is in the result.
                if (!method.IsStatic && (method.Name == "Replace" || method.Name == "Insert") && resultCanCarry)
                    return Taint.Join(Taint.Carries(receiver) ? receiver : null, ComposeArguments(invocation, arguments, TaintShape.None));
                return resultCanCarry && Taint.Carries(receiver) ? receiver : null;
            }

            if (types.StringBuilder is not null && SymbolEqualityComparer.Default.Equals(containing, types.StringBuilder))
            {
                if (method.Name.StartsWith("Append", System.StringComparison.Ordinal) || method.Name == "Insert" || method.Name == "Replace")
                {
                    var added = ComposeArguments(invocation, arguments, TaintShape.None);
                    Accumulate(invocation.Instance, added);
                    return Taint.Join(receiver, added);
                }

                return resultCanCarry ? receiver : null;
            }

            // OpenAI's ChatMessage.CreateUserMessage(text), ChatMessageContentPart.CreateTextPart(text).
            if (method.IsStatic && _rules.IsMessageType(method.ReturnType) && method.Name.StartsWith("Create", System.StringComparison.Ordinal))
                return ComposeArguments(invocation, arguments, TaintShape.Prompt);

            // history.AddUserMessage(text), messages.Add(message), list.AddRange(...), queue.Enqueue(...).
            if (invocation.Instance is not null && IsCollectionMutation(method) && IsCollection(invocation.Instance.Type))
            {
                var added = ComposeArguments(invocation, arguments, ShapeOf(invocation.Instance.Type));
                Accumulate(invocation.Instance, added);
                return null;
            }

            // Serialising keeps the content: JsonSerializer.Serialize(new { Email = … }) holds the address, and
            // JsonSerializer.Serialize(form) every personal member of the form.
            if (method.IsStatic && method.Name.StartsWith("Serialize", System.StringComparison.Ordinal) && containing?.Name is "JsonSerializer" or "JsonConvert")
            {
                if (!resultCanCarry)
                    return null;
                var carried = JoinCarried(invocation, arguments);
                return _rules.SerializedObject(invocation) is { } serialised
                    ? Taint.Join(carried, Taint.Source(serialised, invocation.Arguments[0].Value.Syntax.GetLocation()))
                    : carried;
            }

            if (types.Enumerable is not null && SymbolEqualityComparer.Default.Equals(containing, types.Enumerable))
                return resultCanCarry ? JoinCarried(invocation, arguments) : null;

            if (!resultCanCarry)
                return null;

            // prompt.ToString(), response.ToString(), functionResult.GetValue<string>() expose what the receiver holds;
            // GetEnumerator() is how the graph lowers foreach: the enumerator's Current yields the collection's elements.
            if (Taint.Carries(receiver) && (method.Name == "ToString" || method.Name == "GetValue" || method.Name == "AsSpan" || method.Name == "AsMemory"
                    || (method.Name == "GetEnumerator" && method.Parameters.Length == 0)))
                return receiver;

            if (_rules.InterproceduralFlow && method.DeclaringSyntaxReferences.Length > 0 && method.MethodKind != MethodKind.LocalFunction)
                return Taint.Join(Taint.Carries(receiver) ? receiver : null, ComposeArguments(invocation, arguments, TaintShape.None));

            // Any other call is opaque: assuming it returns its inputs would drown real findings in noise.
            return null;
        }

        private Taint? EvaluateObjectCreation(IObjectCreationOperation creation, int depth)
        {
            var arguments = new Taint?[creation.Arguments.Length];
            for (var i = 0; i < arguments.Length; i++)
                arguments[i] = Evaluate(creation.Arguments[i].Value, depth);

            var shape = ShapeOf(creation.Type);
            var isCarrier = shape != TaintShape.None
                || (creation.Type is not null && _rules.Types.StringBuilder is not null
                    && SymbolEqualityComparer.Default.Equals(creation.Type.OriginalDefinition, _rules.Types.StringBuilder))
                || (creation.Type is not null && SymbolEqualityComparer.Default.Equals(creation.Type.OriginalDefinition, _rules.Types.KernelArguments));

            Taint? result = null;
            if (isCarrier)
            {
                for (var i = 0; i < arguments.Length; i++)
                    result = Taint.Join(result, arguments[i]?.EnteringAt(Unwrap(creation.Arguments[i].Value).Syntax));
            }

            if (creation.Initializer is not null)
            {
                foreach (var initializer in creation.Initializer.Initializers)
                {
                    // { Text = x } on a message, { message1, message2 } on a list, ["name"] = x on KernelArguments.
                    var value = initializer switch
                    {
                        ISimpleAssignmentOperation assignment => assignment.Value,
                        IInvocationOperation add when add.Arguments.Length > 0 => add.Arguments[add.Arguments.Length - 1].Value,
                        _ => initializer,
                    };
                    var taint = Evaluate(value, depth);
                    if (isCarrier || IsCollection(creation.Type))
                        result = Taint.Join(result, taint?.EnteringAt(Unwrap(value).Syntax));
                }
            }

            if (creation.Initializer is not null)
                result = Taint.Join(result, NamedPersonalMembers(creation.Initializer.Initializers));

            if (!Taint.Carries(result))
                return null;
            return shape == TaintShape.None ? result : result!.WithShape(shape);
        }

        private Taint? CheckSink(SinkKind kind, IInvocationOperation invocation, InvocationClassification classification)
        {
            Taint? joined = null;
            foreach (var argument in classification.SinkArguments)
            {
                if (!_argumentValues.TryGetValue(argument, out var taint))
                    taint = Evaluate(argument, 0);
                if (!Taint.Carries(taint))
                    continue;
                joined = Taint.Join(joined, taint);
                if (kind == SinkKind.Model)
                    _findings.MarkPrompt(KeyOf(argument));
                if (_reporting)
                    _findings.Add(kind, invocation, argument, taint!, classification.DisplayName);
            }

            return joined;
        }

        private Taint? ComposeArguments(IInvocationOperation invocation, Taint?[] arguments, TaintShape shape)
        {
            Taint? result = null;
            for (var i = 0; i < arguments.Length; i++)
            {
                var value = Unwrap(invocation.Arguments[i].Value);
                if (value is IArrayCreationOperation { Initializer: not null } array && invocation.Arguments[i].ArgumentKind == ArgumentKind.ParamArray)
                {
                    // params object[] args: each element enters on its own, so a fix wraps exactly the personal one.
                    foreach (var element in array.Initializer.ElementValues)
                        result = Taint.Join(result, Evaluate(element, 0)?.EnteringAt(Unwrap(element).Syntax));
                    continue;
                }

                result = Taint.Join(result, arguments[i]?.EnteringAt(value.Syntax));
            }

            if (!Taint.Carries(result))
                return null;
            return shape == TaintShape.None ? result : result!.WithShape(shape);
        }

        private Taint? ComposeAll(IEnumerable<IOperation> operands, int depth, TaintShape shape)
        {
            Taint? result = null;
            foreach (var operand in operands)
                result = Taint.Join(result, Evaluate(operand, depth)?.EnteringAt(Unwrap(operand).Syntax));
            if (!Taint.Carries(result))
                return null;
            return shape == TaintShape.None ? result : result!.WithShape(shape);
        }

        private static Taint? JoinCarried(IInvocationOperation invocation, Taint?[] arguments)
        {
            Taint? result = null;
            foreach (var argument in arguments)
            {
                if (Taint.Carries(argument))
                    result = Taint.Join(result, argument);
            }

            return result;
        }

        private void RecordLocalFunctionArguments(IInvocationOperation invocation, Taint?[] arguments)
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                var parameter = invocation.Arguments[i].Parameter;
                if (parameter is null || !Taint.Carries(arguments[i]))
                    continue;
                LocalFunctionArguments.TryGetValue(parameter, out var existing);
                LocalFunctionArguments[parameter] = Taint.Join(existing, arguments[i])!;
            }
        }

        private static bool IsCollectionMutation(IMethodSymbol method) =>
            !method.IsStatic
            && (method.Name.StartsWith("Add", System.StringComparison.Ordinal)
                || method.Name == "Insert" || method.Name == "InsertRange" || method.Name == "Enqueue" || method.Name == "Push"
                || method.Name == "TryAdd");

        private bool IsCollection(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType == SpecialType.System_String)
                return false;
            var enumerable = _rules.Types.NonGenericEnumerable;
            return enumerable is not null && (SymbolEqualityComparer.Default.Equals(type, enumerable) || type.AllInterfaces.Contains(enumerable, SymbolEqualityComparer.Default));
        }

        /// <summary>The variable a fluent chain starts from: <c>sb</c> in <c>sb.Append(a).Append(b)</c>.</summary>
        private static IOperation RootReceiver(IOperation receiver)
        {
            var current = Unwrap(receiver);
            while (current is IInvocationOperation { Instance: not null } call
                   && SymbolEqualityComparer.Default.Equals(call.Type, call.Instance.Type))
                current = Unwrap(call.Instance);
            return current;
        }
    }
}
