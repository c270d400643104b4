// Usage: PromptFunctions.IsPromptFunction(PromptFunctions.FunctionOperand(invocation))
// Semantic Kernel runs two kinds of kernel functions through the same Kernel.InvokeAsync / KernelFunction.InvokeAsync:
// native methods (no model involved) and prompt functions (a template rendered and sent to a model). The invocation is a
// model call only for the second kind, which is known where the function is made: CreateFunctionFromPrompt,
// KernelFunctionFactory.CreateFromPrompt, a YAML or Prompty prompt, or a plugin loaded from a prompt directory.
// The function is followed back through locals, fields and properties of the same file (their initializers and
// constructor assignments); a function whose origin is not visible is not counted (precision over recall).
using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class PromptFunctions
    {
        /// <summary>The invocation methods of Kernel and KernelFunction.</summary>
        public static readonly string[] InvocationNames = { "InvokeAsync", "InvokeStreamingAsync" };

        private const int MaxDepth = 4;

        /// <summary>The function a kernel invocation runs: the instance of KernelFunction.InvokeAsync, the <c>function</c> argument of Kernel.InvokeAsync.</summary>
        public static IOperation? FunctionOperand(IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance && instance.Type?.Name == "KernelFunction")
            {
                return instance;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "function")
                {
                    return argument.Value;
                }
            }

            return invocation.Instance;
        }

        public static bool IsPromptFunction(IOperation? function) => function is not null && IsPromptFunction(function, 0);

        private static bool IsPromptFunction(IOperation operation, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            var value = OperationScope.Unwrap(operation);
            switch (value)
            {
                case IInvocationOperation invocation:
                    return IsPromptFactory(invocation.TargetMethod);
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } plugin }:
                    // plugin["Joke"], on a plugin loaded from a prompt directory.
                    return IsPromptPlugin(plugin, depth + 1);
                case ILocalReferenceOperation local:
                    return AnyWrittenValue(local.Local, value, depth, IsPromptFunction);
                case IFieldReferenceOperation field:
                    return AnyWrittenValue(field.Field, value, depth, IsPromptFunction);
                case IPropertyReferenceOperation property:
                    return AnyWrittenValue(property.Property, value, depth, IsPromptFunction);
                default:
                    return false;
            }
        }

        private static bool IsPromptPlugin(IOperation operation, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            var value = OperationScope.Unwrap(operation);
            return value switch
            {
                IInvocationOperation invocation => invocation.TargetMethod.Name is "CreatePluginFromPromptDirectory" or "ImportPluginFromPromptDirectory" && IsSemanticKernel(invocation.TargetMethod),
                ILocalReferenceOperation local => AnyWrittenValue(local.Local, value, depth, IsPromptPlugin),
                IFieldReferenceOperation field => AnyWrittenValue(field.Field, value, depth, IsPromptPlugin),
                _ => false,
            };
        }

        private static bool IsPromptFactory(IMethodSymbol method) =>
            method.Name is "CreateFunctionFromPrompt" or "CreateFromPrompt" or "CreateFunctionFromPromptYaml" or "FromPromptYaml"
                or "CreateFunctionFromPromptyFile" or "CreateFunctionFromPrompty" or "CreateFromPromptyFile"
            && IsSemanticKernel(method);

        private static bool IsSemanticKernel(IMethodSymbol method) =>
            method.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) == true;

        /// <summary>Whether <paramref name="test"/> holds for a value written to <paramref name="symbol"/> (see <see cref="WrittenValues"/>).</summary>
        private static bool AnyWrittenValue(ISymbol symbol, IOperation reference, int depth, Func<IOperation, int, bool> test)
        {
            foreach (var written in WrittenValues.Of(symbol, reference))
            {
                if (test(written, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
