// Usage: what a call's settings say about its output length.
//   OutputLimits.Of(argument.Value)          // Bounded / Unbounded / Unknown, following locals, fields and properties of the file
//   OutputLimits.SetsLimitWithin(operation)  // a limit is assigned somewhere inside (an initializer, a ConfigureOptions lambda)
//   OutputLimits.IsSettingsType(type)        // ChatOptions, ChatCompletionOptions, PromptExecutionSettings, KernelArguments, ...
// A limit is a non-null value for a property named like one in the SDKs (MaxOutputTokens, MaxOutputTokenCount,
// MaxTokens, NumPredict, ...) or an extension-data key ("max_tokens", ...). Settings created where they cannot be seen (a
// parameter, a method's result, another file) are Unknown: the rule stays quiet about them.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Consumption
{
    internal enum OutputBound
    {
        /// <summary>Settings are visible and set no limit (or there are none).</summary>
        Unbounded,

        /// <summary>A limit is set.</summary>
        Bounded,

        /// <summary>The settings come from where the analysis does not look.</summary>
        Unknown,
    }

    internal static class OutputLimits
    {
        private const int MaxDepth = 4;

        // The output-length properties of the settings types (verified on Microsoft.Extensions.AI 11, OpenAI 2.15, Semantic
        // Kernel 1.82 and its OpenAI connector, Azure.AI.Inference 1.0.0-beta.5, OllamaSharp 5.5.2) and of the other
        // Semantic Kernel connectors' settings (MaxTokens, MaxNewTokens).
        private static readonly HashSet<string> LimitProperties = new(StringComparer.Ordinal)
        {
            "MaxOutputTokens", "MaxOutputTokenCount", "MaxTokens", "MaxCompletionTokens", "NumPredict", "MaxNewTokens", "MaxTokensToSample",
        };

        // Keys of PromptExecutionSettings.ExtensionData / AdditionalProperties that connectors map to a limit.
        private static readonly HashSet<string> LimitKeys = new(StringComparer.Ordinal)
        {
            "max_tokens", "max_completion_tokens", "max_output_tokens", "maxOutputTokens", "num_predict", "max_new_tokens",
        };

        // Types that carry a call's settings (by simple name; PromptExecutionSettings and AgentRunOptions by base type).
        private static readonly HashSet<string> SettingsTypes = new(StringComparer.Ordinal)
        {
            "ChatOptions", "ChatCompletionOptions", "CreateResponseOptions", "ResponseCreationOptions", "PromptExecutionSettings",
            "KernelArguments", "PromptTemplateConfig", "AgentRunOptions", "ChatClientAgentOptions", "ChatCompletionsOptions",
            "ChatRequest", "GenerateRequest", "RequestOptions",
        };

        public static bool IsLimitProperty(string name) => LimitProperties.Contains(name);

        /// <summary>A type that carries a call's settings, or a sequence or dictionary of them (<c>IEnumerable&lt;PromptExecutionSettings&gt;</c>).</summary>
        public static bool IsSettingsType(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SettingsTypes.Contains(current.Name))
                {
                    return true;
                }
            }

            return type is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Length > 0
                && IsSettingsType(generic.TypeArguments[generic.TypeArguments.Length - 1]);
        }

        /// <summary>What <paramref name="value"/>, a settings expression, says about the output length.</summary>
        public static OutputBound Of(IOperation value) => Of(value, 0);

        /// <summary>
        /// What a call's own settings say: its explicit settings arguments (<c>options</c>, <c>executionSettings</c>,
        /// <c>arguments</c>, <c>promptTemplateConfig</c>, a request object); Unbounded when it is given none. A protocol call
        /// taking raw JSON (<c>BinaryContent</c>) is Unknown.
        /// </summary>
        public static OutputBound OfCallArguments(IInvocationOperation invocation)
        {
            var result = OutputBound.Unbounded;
            foreach (var argument in invocation.Arguments)
            {
                var type = argument.Parameter?.Type;
                if (type?.Name == "BinaryContent")
                {
                    return OutputBound.Unknown;
                }

                if (argument.ArgumentKind != ArgumentKind.DefaultValue && IsSettingsType(type))
                {
                    result = Either(result, Of(argument.Value, 0));
                }
            }

            return result;
        }

        /// <summary>
        /// The settings a Semantic Kernel prompt function was created with (<c>CreateFunctionFromPrompt(template, settings)</c>,
        /// a <c>PromptTemplateConfig</c> with execution settings), the function followed through locals, fields and properties.
        /// A YAML or Prompty prompt, a prompt directory or a function of unseen origin is Unknown (its settings are in a file).
        /// </summary>
        public static OutputBound OfPromptFunction(IOperation? function) => function is null ? OutputBound.Unknown : OfPromptFunction(function, 0);

        private static OutputBound OfPromptFunction(IOperation function, int depth)
        {
            if (depth > MaxDepth)
            {
                return OutputBound.Unknown;
            }

            var current = OperationScope.Unwrap(function);
            switch (current)
            {
                case IInvocationOperation { TargetMethod.Name: "CreateFunctionFromPrompt" or "CreateFromPrompt" } factory:
                    return OfCallArguments(factory);
                case ILocalReferenceOperation local:
                    return OfWritten(local.Local, local, depth);
                case IFieldReferenceOperation field:
                    return OfWritten(field.Field, field, depth);
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    return OfWritten(property.Property, property, depth);
                default:
                    return OutputBound.Unknown;
            }
        }

        private static OutputBound OfWritten(ISymbol symbol, IOperation reference, int depth)
        {
            var result = OutputBound.Unknown;
            var seen = false;
            foreach (var written in WrittenValues.Of(symbol, reference))
            {
                var bound = OfPromptFunction(written, depth + 1);
                result = seen ? Either(result, bound) : bound;
                seen = true;
            }

            return result;
        }

        /// <summary>A limit is assigned (or added under a limit key) anywhere inside <paramref name="operation"/>.</summary>
        public static bool SetsLimitWithin(IOperation operation)
        {
            foreach (var current in operation.DescendantsAndSelf())
            {
                switch (current.Kind)
                {
                    case OperationKind.SimpleAssignment or OperationKind.CoalesceAssignment when IsLimitAssignment((IAssignmentOperation)current):
                        return true;
                    case OperationKind.Invocation when IsLimitEntry((IInvocationOperation)current):
                        return true;
                }
            }

            return false;
        }

        /// <summary><c>MaxOutputTokens = 500</c>, <c>MaxOutputTokens ??= 500</c>, <c>ExtensionData["max_tokens"] = 500</c> (a null value is no limit).</summary>
        public static bool IsLimitAssignment(IAssignmentOperation assignment)
        {
            if (assignment.Value.ConstantValue is { HasValue: true, Value: null })
            {
                return false;
            }

            return assignment.Target is IPropertyReferenceOperation property
                && (LimitProperties.Contains(property.Property.Name) || (property.Arguments.Length == 1 && IsLimitKey(property.Arguments[0].Value)));
        }

        /// <summary><c>{ "max_tokens", 500 }</c> in a dictionary initializer, or <c>ExtensionData.Add("max_tokens", 500)</c>.</summary>
        private static bool IsLimitEntry(IInvocationOperation invocation) =>
            invocation.TargetMethod.Name is "Add" or "TryAdd" && invocation.Arguments.Length == 2 && IsLimitKey(invocation.Arguments[0].Value);

        private static bool IsLimitKey(IOperation key) => key.ConstantValue is { HasValue: true, Value: string text } && LimitKeys.Contains(text);

        private static OutputBound Of(IOperation value, int depth)
        {
            if (depth > MaxDepth)
            {
                return OutputBound.Unknown;
            }

            var current = OperationScope.Unwrap(value);
            if (current.ConstantValue is { HasValue: true, Value: null } || current.Kind == OperationKind.DefaultValue)
            {
                return OutputBound.Unbounded;
            }

            switch (current)
            {
                case IObjectCreationOperation creation:
                    return OfCreation(creation, depth);
                case ICollectionExpressionOperation collection:
                    return Combine(collection.Elements, depth);
                case IArrayCreationOperation { Initializer: { } initializer }:
                    return Combine(initializer.ElementValues, depth);
                case ILocalReferenceOperation local:
                    return OfStorage(local.Local, local, depth);
                case IFieldReferenceOperation field when OperationScope.TryGetTrackedSymbol(field, out _):
                    return OfStorage(field.Field, field, depth);
                case IPropertyReferenceOperation property when OperationScope.TryGetTrackedSymbol(property, out _):
                    return OfStorage(property.Property, property, depth);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return Both(Of(conditional.WhenTrue, depth + 1), Of(whenFalse, depth + 1));
                default:
                    // A parameter, a method's result, a copy (options.Clone(), with { }): settings made elsewhere.
                    return OutputBound.Unknown;
            }
        }

        /// <summary>A creation bounds when its initializer sets a limit or a settings argument it is given does (<c>new KernelArguments(settings)</c>).</summary>
        private static OutputBound OfCreation(IObjectCreationOperation creation, int depth)
        {
            if (creation.Initializer is { } initializer && SetsLimitWithin(initializer))
            {
                return OutputBound.Bounded;
            }

            var result = OutputBound.Unbounded;
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || !IsSettingsType(argument.Parameter?.Type))
                {
                    continue;
                }

                result = Either(result, Of(argument.Value, depth + 1));
                if (result == OutputBound.Bounded)
                {
                    break;
                }
            }

            return result;
        }

        /// <summary>
        /// A local, field or property: the values written to it (<see cref="WrittenValues"/>), and limits set on what it
        /// holds in the same member (a local) or in the type's constructors (a field or property): <c>options.MaxOutputTokens = 500</c>.
        /// Unknown when no write is visible.
        /// </summary>
        private static OutputBound OfStorage(ISymbol symbol, IOperation reference, int depth)
        {
            var result = OutputBound.Unbounded;
            var seen = false;
            foreach (var written in WrittenValues.Of(symbol, reference))
            {
                seen = true;
                result = Either(result, Of(written, depth + 1));
                if (result == OutputBound.Bounded)
                {
                    return result;
                }
            }

            if (!seen)
            {
                return OutputBound.Unknown;
            }

            foreach (var scope in ScopesWriting(symbol, reference))
            {
                foreach (var operation in scope.DescendantsAndSelf())
                {
                    if (operation is ISimpleAssignmentOperation or ICoalesceAssignmentOperation && operation is IAssignmentOperation assignment && RootsAt(assignment.Target, symbol)
                        && (IsLimitAssignment(assignment) || SetsLimitWithin(assignment.Value)))
                    {
                        return OutputBound.Bounded;
                    }

                    if (operation is IInvocationOperation invocation && invocation.Instance is { } instance && RootsAt(instance, symbol)
                        && (IsLimitEntry(invocation) || HasBoundedSettingsArgument(invocation, depth)))
                    {
                        // options.ExtensionData.Add("max_tokens", 500); config.AddExecutionSettings(settings)
                        return OutputBound.Bounded;
                    }
                }
            }

            return result;
        }

        private static bool HasBoundedSettingsArgument(IInvocationOperation invocation, int depth)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (IsSettingsType(argument.Parameter?.Type) && Of(argument.Value, depth + 1) == OutputBound.Bounded)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Where what <paramref name="symbol"/> holds is configured: the reading member for a local, the type's constructors in the same file otherwise.</summary>
        private static IEnumerable<IOperation> ScopesWriting(ISymbol symbol, IOperation reference)
        {
            if (symbol.Kind == SymbolKind.Local)
            {
                yield return OperationScope.GetMemberRoot(reference);
                yield break;
            }

            var model = reference.SemanticModel;
            foreach (var constructor in symbol.ContainingType?.InstanceConstructors ?? default)
            {
                foreach (var declaration in constructor.DeclaringSyntaxReferences)
                {
                    if (model is not null && declaration.SyntaxTree == model.SyntaxTree && model.GetOperation(declaration.GetSyntax()) is { } body)
                    {
                        yield return body;
                    }
                }
            }
        }

        /// <summary><c>options</c>, <c>options.ExtensionData</c>, <c>options.ExtensionData["max_tokens"]</c> all root at <c>options</c>.</summary>
        private static bool RootsAt(IOperation target, ISymbol symbol)
        {
            for (var current = OperationScope.Unwrap(target); ; )
            {
                if (OperationScope.TryGetTrackedSymbol(current, out var tracked) && SymbolEqualityComparer.Default.Equals(tracked, symbol))
                {
                    return true;
                }

                switch (current)
                {
                    case IPropertyReferenceOperation { Instance: { } instance }:
                        current = OperationScope.Unwrap(instance);
                        break;
                    case IFieldReferenceOperation { Instance: { } instance }:
                        current = OperationScope.Unwrap(instance);
                        break;
                    default:
                        return false;
                }
            }
        }

        private static OutputBound Combine(IEnumerable<IOperation> elements, int depth)
        {
            var result = OutputBound.Unbounded;
            foreach (var element in elements)
            {
                result = Either(result, Of(element, depth + 1));
            }

            return result;
        }

        /// <summary>One of two settings applies: a limit in either counts (precision first); unknown beats unbounded.</summary>
        public static OutputBound Either(OutputBound first, OutputBound second) =>
            first == OutputBound.Bounded || second == OutputBound.Bounded ? OutputBound.Bounded
            : first == OutputBound.Unknown || second == OutputBound.Unknown ? OutputBound.Unknown
            : OutputBound.Unbounded;

        /// <summary>Both branches of a condition apply in turn: bounded only when both are.</summary>
        private static OutputBound Both(OutputBound first, OutputBound second) =>
            first == OutputBound.Bounded && second == OutputBound.Bounded ? OutputBound.Bounded
            : first == OutputBound.Unknown || second == OutputBound.Unknown ? OutputBound.Unknown
            : OutputBound.Unbounded;
    }
}
