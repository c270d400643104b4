// Usage: AutoInvocation.EnablesTools(invocation) / IsToolsAssignment(assignment) / IsAgentWithTools(creation)
// The one understanding of what lets a model call tools that run before the response comes back: Microsoft.Extensions.AI
// ChatOptions.Tools (a function-invoking client runs them), Semantic Kernel's FunctionChoiceBehavior.Auto() /
// Required() (auto-invoke is their default) and ToolCallBehavior.AutoInvokeKernelFunctions /
// RequireFunction(…, autoInvoke: true), an Agent Framework agent made with tools (ChatClientAgent, AsAIAgent and its
// older names). SL0002 asks it of a model call's arguments (ToolInvocation); SL0008 of the places tools are exposed.
using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class AutoInvocation
    {
        /// <summary>The agent factories of Microsoft.Agents.AI (1.x) and their earlier names.</summary>
        public static bool IsAgentFactory(IMethodSymbol method) => method.Name is "AsAIAgent" or "CreateAIAgent" or "AsAgent";

        /// <summary><c>Tools = [ … ]</c> (not null, not empty) on a Microsoft.Extensions.AI type (ChatOptions).</summary>
        public static bool IsToolsAssignment(ISimpleAssignmentOperation assignment) =>
            assignment.Target is IPropertyReferenceOperation { Property.Name: "Tools" } target
            && IsExtensionsAi(target.Property.ContainingType) && !IsNullOrEmpty(assignment.Value);

        /// <summary><c>new ChatClientAgent(…, tools: [ … ])</c>.</summary>
        public static bool IsAgentWithTools(IObjectCreationOperation creation) =>
            creation.Type?.Name == "ChatClientAgent" && HasArgument(creation.Arguments, "tools");

        /// <summary><c>ToolCallBehavior.AutoInvokeKernelFunctions</c>.</summary>
        public static bool IsAutoInvokeKernelFunctions(IPropertyReferenceOperation property) =>
            property.Property.Name == "AutoInvokeKernelFunctions" && IsSemanticKernel(property.Property.ContainingType);

        /// <summary>FunctionChoiceBehavior.Auto()/Required() unless autoInvoke: false; ToolCallBehavior.RequireFunction(…, autoInvoke: true); an agent factory given tools.</summary>
        public static bool EnablesTools(IInvocationOperation invocation) =>
            IsAutoInvokingChoice(invocation) || (IsAgentFactory(invocation.TargetMethod) && HasArgument(invocation.Arguments, "tools"));

        /// <summary>The Semantic Kernel half of <see cref="EnablesTools"/>: a function-choice behaviour that invokes the chosen functions itself.</summary>
        public static bool IsAutoInvokingChoice(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (method.Name is "Auto" or "Required" && type?.Name == "FunctionChoiceBehavior" && IsSemanticKernel(type))
            {
                return !IsFalse(invocation, "autoInvoke");
            }

            return method.Name == "RequireFunction" && type?.Name == "ToolCallBehavior"
                && !IsFalse(invocation, "autoInvoke") && HasArgument(invocation.Arguments, "autoInvoke");
        }

        public static bool HasArgument(ImmutableArray<IArgumentOperation> arguments, string parameter)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameter && argument.ArgumentKind != ArgumentKind.DefaultValue && !IsNullOrEmpty(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool IsNullOrEmpty(IOperation value)
        {
            var unwrapped = OperationScope.Unwrap(value);
            return unwrapped.ConstantValue is { HasValue: true, Value: null }
                || unwrapped is IDefaultValueOperation
                || (unwrapped is ICollectionExpressionOperation collection && collection.Elements.IsEmpty);
        }

        public static bool IsExtensionsAi(INamedTypeSymbol? type) => type?.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.AI";

        public static bool IsSemanticKernel(ITypeSymbol? type) =>
            type?.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) == true;

        private static bool IsFalse(IInvocationOperation invocation, string parameter)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameter && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument.Value.ConstantValue is { HasValue: true, Value: false };
                }
            }

            return false;
        }
    }
}
