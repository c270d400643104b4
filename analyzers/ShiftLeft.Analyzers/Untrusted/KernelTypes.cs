using System;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// What <see cref="ToolExposure"/> recognises by name: Semantic Kernel's kernels, builders and plugins, the factories that
    /// make tools (Microsoft.Extensions.AI and Semantic Kernel), and the methods that register plugins. Matched by type and
    /// member name, so every overload and extension form counts and nothing is resolved when the SDKs are absent.
    /// </summary>
    internal static class KernelTypes
    {
        public static bool IsKernel(ITypeSymbol? type) => type is { Name: "Kernel" } && AutoInvocation.IsSemanticKernel(type);

        /// <summary>A kernel, a kernel builder, their plugin collections, or the service collection a builder registers plugins in.</summary>
        public static bool IsPluginHolder(ITypeSymbol? type) =>
            type is not null && ((type.Name is "Kernel" or "IKernelBuilder" or "KernelBuilder" or "IKernelBuilderPlugins" or "KernelPluginCollection" && AutoInvocation.IsSemanticKernel(type))
                || (type.Name == "IServiceCollection" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection"));

        public static bool IsPluginCollectionOrPlugin(ITypeSymbol? type) =>
            type is not null && type.Name is "KernelPlugin" or "KernelPluginCollection" or "IKernelBuilderPlugins" or "IReadOnlyKernelPluginCollection" && AutoInvocation.IsSemanticKernel(type);

        public static bool IsEnumerableOfPlugins(ITypeSymbol? type) =>
            type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Length == 1 && IsPluginCollectionOrPlugin(named.TypeArguments[0]);

        /// <summary>A custom tool class: one deriving from AIFunction / AITool or KernelFunction.</summary>
        public static bool IsToolType(INamedTypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if ((current.Name is "AIFunction" or "AITool" && current.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.AI")
                    || (current.Name == "KernelFunction" && AutoInvocation.IsSemanticKernel(current)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>AIFunctionFactory.Create, KernelFunctionFactory.CreateFromMethod, kernel.CreateFunctionFromMethod, KernelFunctionFromMethod.Create.</summary>
        public static bool IsToolFactory(IMethodSymbol method) =>
            (method.Name == "Create" && method.ContainingType?.Name is "AIFunctionFactory" or "KernelFunctionFromMethod")
            || (method.Name is "CreateFromMethod" or "CreateFunctionFromMethod" && AutoInvocation.IsSemanticKernel(method.ContainingType));

        public static bool IsPromptFunctionFactory(IMethodSymbol method) =>
            method.Name.StartsWith("CreateFunctionFromPrompt", StringComparison.Ordinal) || (method.Name.StartsWith("CreateFromPrompt", StringComparison.Ordinal) && AutoInvocation.IsSemanticKernel(method.ContainingType));

        /// <summary>KernelPluginFactory.CreateFromType / CreateFromObject / CreateFromFunctions and the prompt-directory and OpenAPI factories.</summary>
        public static bool IsPluginFactory(IMethodSymbol method) =>
            method.ContainingType?.Name is "KernelPluginFactory" or "OpenApiKernelPluginFactory" or "CopilotAgentPluginKernelExtensions" or "ApiManifestKernelExtensions" || (method.Name.StartsWith("CreatePluginFrom", StringComparison.Ordinal) && AutoInvocation.IsSemanticKernel(method.ContainingType));

        /// <summary>A method that adds plugins to a kernel, a builder, a plugin collection or (with a plugin) a service collection.</summary>
        public static bool IsRegistration(IMethodSymbol method)
        {
            var name = method.Name;
            if (name.StartsWith("ImportPluginFrom", StringComparison.Ordinal) || name.StartsWith("AddFrom", StringComparison.Ordinal) || IsPluginFactory(method))
            {
                return true;
            }

            if (name is "Add" or "AddRange" && IsPluginCollectionOrPlugin(method.ContainingType) || (name is "Add" or "AddRange" && method.IsExtensionMethod && method.Parameters.Length > 0 && IsPluginCollectionOrPlugin(method.Parameters[0].Type)))
            {
                return true;
            }

            if (name.StartsWith("AddSingleton", StringComparison.Ordinal) || name.StartsWith("AddTransient", StringComparison.Ordinal) || name.StartsWith("AddScoped", StringComparison.Ordinal) || name.StartsWith("AddKeyed", StringComparison.Ordinal))
            {
                foreach (var typeArgument in method.TypeArguments)
                {
                    if (IsPluginCollectionOrPlugin(typeArgument))
                    {
                        return true;
                    }
                }

                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Ordinal > 0 && IsPluginCollectionOrPlugin(parameter.Type))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Methods of a plugin collection that read it (they add nothing).</summary>
        public static bool IsReadOnly(IMethodSymbol method) =>
            method.Name.StartsWith("Get", StringComparison.Ordinal) || method.Name.StartsWith("TryGet", StringComparison.Ordinal) || method.Name is "Contains" or "GetEnumerator" or "Remove" or "Clear" or "Select" or "SelectMany" or "Where" or "First" or "FirstOrDefault" or "Single" or "ToList" or "ToArray" or "Any" or "Count";

        /// <summary>Conversions between tool shapes that keep the tool: AsAIFunction(s), AsAITool(s), AsKernelFunction(s), WithKernel, Clone.</summary>
        public static bool IsToolConversion(IMethodSymbol method) =>
            method.Name is "AsAIFunction" or "AsAIFunctions" or "AsAITool" or "AsAITools" or "AsKernelFunction" or "AsKernelFunctions" or "WithKernel" or "Clone" or "WithName" or "WithDescription";

        public static bool IsModelContextProtocol(ITypeSymbol? type) =>
            type?.ContainingNamespace?.ToDisplayString().StartsWith("ModelContextProtocol", StringComparison.Ordinal) == true;
    }
}
