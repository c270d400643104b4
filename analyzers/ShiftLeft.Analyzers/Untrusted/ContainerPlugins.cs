// Usage: ContainerPlugins.Of(compilation).Registrations   // the plugin registrations a kernel from DI is built with
// A kernel resolved from dependency injection (GetRequiredService<Kernel>(), a constructor parameter) is the one
// services.AddKernel() registers: built from every KernelPlugin in the container. Its plugins are the registrations
// the compilation makes on the builder AddKernel returns (services.AddKernel().Plugins.AddFromType<T>()) or on a
// service collection (services.AddSingleton(KernelPluginFactory.CreateFromType<T>())), found once per compilation by
// an ordinal search of each file's text for "AddKernel" and a syntax walk of those files. Registrations on other
// builders in those files are included too: more tools can only make a finding more likely, never hide one.
using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal sealed class ContainerPlugins
    {
        private static readonly ConditionalWeakTable<Compilation, ContainerPlugins> Cache = new();

        private ContainerPlugins(bool registersKernel, ImmutableArray<IInvocationOperation> registrations)
        {
            RegistersKernel = registersKernel;
            Registrations = registrations;
        }

        /// <summary>Whether the compilation calls AddKernel (without it, an injected kernel is registered elsewhere).</summary>
        public bool RegistersKernel { get; }

        public ImmutableArray<IInvocationOperation> Registrations { get; }

        public static ContainerPlugins Of(Compilation compilation) => Cache.GetValue(compilation, Scan);

        private static ContainerPlugins Scan(Compilation compilation)
        {
            var registersKernel = false;
            var registrations = ImmutableArray.CreateBuilder<IInvocationOperation>();
            foreach (var tree in TreesNaming.In(compilation, "AddKernel"))
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation || !MayRegister(access.Name.Identifier.ValueText))
                    {
                        continue;
                    }

                    model ??= compilation.GetSemanticModel(tree);
                    if (model.GetOperation(invocation) is not IInvocationOperation operation)
                    {
                        continue;
                    }

                    if (operation.TargetMethod.Name == "AddKernel" && KernelTypes.IsPluginHolder(operation.TargetMethod.ReturnType))
                    {
                        registersKernel = true;
                    }
                    else if (KernelTypes.IsRegistration(operation.TargetMethod) && KernelTypes.IsPluginHolder(Infrastructure.OperationScope.GetInvocationTarget(operation)?.Type))
                    {
                        registrations.Add(operation);
                    }
                }
            }

            return new ContainerPlugins(registersKernel, registrations.ToImmutable());
        }

        // Binding a call binds its whole method body: only names a registration can have are bound.
        private static bool MayRegister(string name) =>
            name == "AddKernel" || name.StartsWith("ImportPluginFrom", StringComparison.Ordinal) || name.StartsWith("AddFrom", StringComparison.Ordinal)
            || name is "Add" or "AddRange" || name.StartsWith("AddSingleton", StringComparison.Ordinal) || name.StartsWith("AddTransient", StringComparison.Ordinal)
            || name.StartsWith("AddScoped", StringComparison.Ordinal) || name.StartsWith("AddKeyed", StringComparison.Ordinal);
    }
}
