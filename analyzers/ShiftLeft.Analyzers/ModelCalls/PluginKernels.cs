// Usage: var kernels = analysis.PluginKernels.Of(call, facts);   // empty unless the call runs on a kernel handed to a tool
// Semantic Kernel hands a [KernelFunction] method that declares a Kernel parameter the kernel invoking it: a model call
// on that parameter runs on whichever kernel the plugin was imported into. Those kernels are found here, lazily, only
// for such a call (the once-per-compilation index of every import that binds every file is what this avoids): the
// files that name the plugin type are searched for the calls that import it — recognised by the one reading of plugin
// imports, Agency/KernelPlugins (ImportPluginFromType/Object, Plugins.AddFromType/Object, Plugins.Add of a
// KernelPluginFactory plugin) — and for the compilation's own generic methods called with it as a type argument that
// import that type parameter (agent.AddPlugin<PatientPlugin>() → builder.Plugins.AddFromType<T>()), through an
// interface or base method to its implementations. A plugin registered in the service container
// (services.AddKernel().Plugins.AddFromType<T>(), services.AddSingleton(KernelPluginFactory.CreateFromType<T>())) runs
// on the container's kernel, judged by its registrations (ServiceRegistrations). Each kernel is read as a call's own
// kernel is (ClientPipeline), once per plugin type and compilation.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Agency;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.ModelCalls
{
    internal sealed class PluginKernels
    {
        private readonly ShiftLeftCompilation _shiftLeft;
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<PipelineFacts>> _kernels = new(SymbolEqualityComparer.Default);

        public PluginKernels(ShiftLeftCompilation shiftLeft) => _shiftLeft = shiftLeft;

        /// <summary>
        /// The kernels a call runs on when its kernel is the Kernel parameter of a [KernelFunction] method: the kernels the
        /// method's plugin is imported into. Empty for any other call, and when no import is visible.
        /// </summary>
        public ImmutableArray<PipelineFacts> Of(in ModelCall call, MemberFacts facts)
        {
            if (ClientPipeline.OperandOf(_shiftLeft, call) is not { Kind: PipelineKind.Kernel } followed
                || OperationScope.Unwrap(followed.Operand) is not IParameterReferenceOperation { Parameter: var parameter }
                || !KernelTypes.IsKernel(parameter.Type)
                || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, ContainingType: { } plugin } function
                || !AttributeNames.Has(function, "KernelFunctionAttribute")
                || IsReassigned(parameter, facts))
            {
                return ImmutableArray<PipelineFacts>.Empty;
            }

            return _kernels.GetOrAdd(plugin.OriginalDefinition, Read);
        }

        private static bool IsReassigned(IParameterSymbol parameter, MemberFacts facts)
        {
            foreach (var write in facts.Writes)
            {
                if (SymbolEqualityComparer.Default.Equals(write.Target, parameter) && write.Value.Parent is not IArgumentOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private ImmutableArray<PipelineFacts> Read(INamedTypeSymbol plugin)
        {
            var compilation = _shiftLeft.Compilation;
            var kernels = ImmutableArray.CreateBuilder<PipelineFacts>();
            var models = new SemanticModels(compilation);
            var readImporters = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var tree in TreesNaming.In(compilation, plugin.Name))
            {
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax invocation || !MayImport(invocation, plugin.Name)
                        || models.Get(tree).GetOperation(invocation) is not IInvocationOperation operation)
                    {
                        continue;
                    }

                    if (Imported(operation) is { } imported)
                    {
                        if (IsPlugin(imported, plugin))
                        {
                            kernels.Add(KernelOf(operation));
                        }

                        continue;
                    }

                    // A generic method of the compilation given the plugin as a type argument, which imports that type parameter.
                    var method = operation.TargetMethod;
                    for (var ordinal = 0; ordinal < method.TypeArguments.Length; ordinal++)
                    {
                        if (IsPlugin(method.TypeArguments[ordinal], plugin))
                        {
                            foreach (var importer in Implementations(method.OriginalDefinition))
                            {
                                if (readImporters.Add(importer))
                                {
                                    ImportsOfTypeParameter(importer, kernels);
                                }
                            }
                        }
                    }
                }
            }

            return kernels.ToImmutable();
        }

        /// <summary>The import calls in a generic method's body whose plugin is one of its type parameters.</summary>
        private void ImportsOfTypeParameter(IMethodSymbol importer, ImmutableArray<PipelineFacts>.Builder kernels)
        {
            foreach (var reference in importer.DeclaringSyntaxReferences)
            {
#pragma warning disable RS1030 // The body of a generic method that imports the plugin: read once per plugin type, only for a tool's kernel.
                var model = _shiftLeft.Compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
                if (model.GetOperation(reference.GetSyntax()) is not { } body)
                {
                    continue;
                }

                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation && Imported(invocation) is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } parameter
                        && SymbolEqualityComparer.Default.Equals(parameter.DeclaringMethod?.OriginalDefinition, importer.OriginalDefinition))
                    {
                        kernels.Add(KernelOf(invocation));
                    }
                }
            }
        }

        /// <summary>The method itself when it has a body here, else the compilation's methods that implement or override it.</summary>
        private IEnumerable<IMethodSymbol> Implementations(IMethodSymbol method)
        {
            if (!method.DeclaringSyntaxReferences.IsEmpty && !method.IsAbstract)
            {
                yield return method;
                yield break;
            }

            foreach (var symbol in _shiftLeft.Compilation.GetSymbolsWithName(method.Name, SymbolFilter.Member))
            {
                if (symbol is IMethodSymbol { IsAbstract: false } candidate && candidate.Arity == method.Arity && candidate.ContainingType is { } type
                    && (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(method)?.OriginalDefinition, candidate.OriginalDefinition)
                        || SymbolEqualityComparer.Default.Equals(candidate.OverriddenMethod?.OriginalDefinition, method)))
                {
                    yield return candidate;
                }
            }
        }

        /// <summary>The plugin type an import call adds, or null when the call imports no plugin.</summary>
        private static ITypeSymbol? Imported(IInvocationOperation invocation)
        {
            if (KernelPlugins.IsImportName(invocation.TargetMethod.Name) && KernelPlugins.TryGetImported(invocation, out var imported))
            {
                return imported;
            }

            // services.AddSingleton(KernelPluginFactory.CreateFromType<T>()): a plugin for the container's kernel.
            if (KernelTypes.IsRegistration(invocation.TargetMethod))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (KernelPlugins.TryGetFactoryPlugin(argument.Value, out var made))
                    {
                        return made;
                    }
                }
            }

            return null;
        }

        /// <summary>What the kernel, builder or container an import adds its plugin to does.</summary>
        private PipelineFacts KernelOf(IInvocationOperation import)
        {
            var holder = OperationScope.GetInvocationTarget(import) is { } target ? OperationScope.Unwrap(target) : null;
            if (holder is IPropertyReferenceOperation { Property.Name: "Plugins", Instance: { } owner })
            {
                holder = OperationScope.Unwrap(owner);
            }

            if (holder is null)
            {
                return new PipelineFacts(PipelineKind.Kernel, hasVisibleCreation: false, isInjected: false, hasLogging: false, hasGuardrail: false, hasRedactor: false, boundsOutput: false);
            }

            if (holder is IInvocationOperation { TargetMethod.Name: "AddKernel" } || (KernelTypes.IsPluginHolder(holder.Type) && holder.Type?.Name == "IServiceCollection"))
            {
                // The container's kernel: no layer of its own in view, its registrations decide.
                return new PipelineFacts(PipelineKind.Kernel, hasVisibleCreation: false, isInjected: true, hasLogging: false, hasGuardrail: false, hasRedactor: false, boundsOutput: false);
            }

            var analysis = ModelCallAnalysis.For(_shiftLeft);
            return ClientPipeline.AnalyzeImportTarget(_shiftLeft, analysis.Layers, ModelCallAnalysis.FactsFor(import), holder, PipelineKind.Kernel);
        }

        private static bool IsPlugin(ITypeSymbol imported, INamedTypeSymbol plugin)
        {
            for (var type = imported as INamedTypeSymbol; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, plugin))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The cheap test: a call named as an import, a registration, or given the plugin by name as a type argument.</summary>
        private static bool MayImport(InvocationExpressionSyntax invocation, string plugin)
        {
            var name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                SimpleNameSyntax simple => simple,
                MemberBindingExpressionSyntax binding => binding.Name,
                _ => null,
            };
            if (name is null)
            {
                return false;
            }

            var text = name.Identifier.ValueText;
            if (KernelPlugins.IsImportName(text) || text.StartsWith("AddSingleton", StringComparison.Ordinal) || text.StartsWith("AddTransient", StringComparison.Ordinal)
                || text.StartsWith("AddScoped", StringComparison.Ordinal) || text.StartsWith("AddKeyed", StringComparison.Ordinal))
            {
                return true;
            }

            if (name is GenericNameSyntax generic)
            {
                foreach (var argument in generic.TypeArgumentList.Arguments)
                {
                    var last = argument is QualifiedNameSyntax qualified ? qualified.Right : argument as SimpleNameSyntax;
                    if (last?.Identifier.ValueText == plugin)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
