// Usage: if (KernelPlugins.TryGetImported(invocation, out var pluginType)) …; KernelPlugins.Functions(pluginType, import.Syntax, found)
// Semantic Kernel plugin imports: kernel.ImportPluginFromType<T>() / ImportPluginFromObject(obj),
// kernel.Plugins.AddFromType<T>() / AddFromObject(obj) (on a kernel or a kernel builder), and
// Plugins.Add(KernelPluginFactory.CreateFromType<T>() / CreateFromObject(obj)) directly or through a local. The plugin's
// functions are the [KernelFunction] methods of its type and of its base types; the name the model sees is the
// attribute's name, else the method's without "Async" (as Semantic Kernel names them).
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Agency
{
    internal static class KernelPlugins
    {
        /// <summary>The cheap test first: the names of the calls that import a plugin.</summary>
        public static bool IsImportName(string name) =>
            name is "ImportPluginFromType" or "ImportPluginFromObject" or "AddFromType" or "AddFromObject" or "Add";

        public static bool TryGetImported(IInvocationOperation invocation, out ITypeSymbol pluginType)
        {
            pluginType = null!;
            var method = invocation.TargetMethod;
            // "Add" is the commonest name there is: the declaring type's name before its namespace.
            if ((method.Name == "Add" && method.ContainingType?.Name != "KernelPluginCollection") || !AutoInvocation.IsSemanticKernel(method.ContainingType))
            {
                return false;
            }

            switch (method.Name)
            {
                case "ImportPluginFromType" or "AddFromType" when method.TypeArguments.Length == 1:
                    pluginType = method.TypeArguments[0];
                    return true;
                case "ImportPluginFromObject" or "AddFromObject":
                    return TryTargetType(invocation, out pluginType);
                case "Add" when method.ContainingType.Name == "KernelPluginCollection" && invocation.Arguments.Length == 1:
                    return TryFactoryPlugin(invocation.Arguments[0].Value, out pluginType, 0);
                default:
                    return false;
            }
        }

        public static void Functions(ITypeSymbol pluginType, SyntaxNode reported, List<ExposedTool> found)
        {
            for (var type = pluginType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && KernelFunctionName(method) is { } name)
                    {
                        found.Add(new ExposedTool(reported, name, method, null, method));
                    }
                }
            }
        }

        private static string? KernelFunctionName(IMethodSymbol method)
        {
            if (!AttributeNames.MayHaveAttributes(method))
            {
                return null;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "KernelFunctionAttribute" })
                {
                    if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string { Length: > 0 } declared)
                    {
                        return declared;
                    }

                    return method.Name.EndsWith("Async", StringComparison.Ordinal) && method.Name.Length > 5 ? method.Name.Substring(0, method.Name.Length - 5) : method.Name;
                }
            }

            return null;
        }

        private static bool TryTargetType(IInvocationOperation invocation, out ITypeSymbol pluginType)
        {
            pluginType = null!;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "target" && OperationScope.Unwrap(argument.Value).Type is { } type)
                {
                    pluginType = type;
                    return true;
                }
            }

            return false;
        }

        /// <summary>A plugin made by KernelPluginFactory.CreateFromType&lt;T&gt;() / CreateFromObject(obj), directly or through a local.</summary>
        public static bool TryGetFactoryPlugin(IOperation value, out ITypeSymbol pluginType) => TryFactoryPlugin(value, out pluginType, 0);

        private static bool TryFactoryPlugin(IOperation value, out ITypeSymbol pluginType, int depth)
        {
            pluginType = null!;
            switch (OperationScope.Unwrap(value))
            {
                case IInvocationOperation { TargetMethod: { ContainingType.Name: "KernelPluginFactory" } factory } creation:
                    if (factory.Name == "CreateFromType" && factory.TypeArguments.Length == 1)
                    {
                        pluginType = factory.TypeArguments[0];
                        return true;
                    }

                    return factory.Name == "CreateFromObject" && TryTargetType(creation, out pluginType);
                case ILocalReferenceOperation local when depth < 2:
                    foreach (var written in WrittenValues.Of(local.Local, local))
                    {
                        if (TryFactoryPlugin(written, out pluginType, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }
    }
}
