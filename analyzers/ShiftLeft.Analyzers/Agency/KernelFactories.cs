// Usage: foreach (var plugin in kernelFactories.PluginsImportedBy(callSite)) …   // per compilation, each factory read once
// A method of the compilation that returns a kernel (or a kernel builder) after importing plugins into it — often
// generic, `CreateKernelWithPlugin<T>()` — hands those plugins to its callers: where a caller invokes the kernel with
// Auto(), the plugins are auto-invoked there. The plugin types are read once per factory; a type parameter is resolved
// to the call's type argument. Plugins imported into a kernel the factory itself invokes automatically are reported
// inside the factory, not again at its calls.
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Agency
{
    internal sealed class KernelFactories
    {
        private readonly Compilation _compilation;
        private readonly KernelScopes _scopes;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<ITypeSymbol>> _imports = new(SymbolEqualityComparer.Default);

        public KernelFactories(Compilation compilation, KernelScopes scopes)
        {
            _compilation = compilation;
            _scopes = scopes;
        }

        /// <summary>The cheap test first: a call of a method declared here that returns a Semantic Kernel kernel or kernel builder.</summary>
        public static bool MayBeFactory(IMethodSymbol method) =>
            method.ReturnType is INamedTypeSymbol { Name: "Kernel" or "IKernelBuilder" } returned
            && AutoInvocation.IsSemanticKernel(returned) && !method.DeclaringSyntaxReferences.IsEmpty;

        /// <summary>The plugin types the called factory imports, type parameters resolved to the call's type arguments.</summary>
        public IEnumerable<ITypeSymbol> PluginsImportedBy(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            foreach (var imported in _imports.GetOrAdd(method.OriginalDefinition, Read))
            {
                if (imported is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } parameter)
                {
                    if (SymbolEqualityComparer.Default.Equals(parameter.DeclaringMethod, method.OriginalDefinition) && parameter.Ordinal < method.TypeArguments.Length)
                    {
                        yield return method.TypeArguments[parameter.Ordinal];
                    }
                }
                else
                {
                    yield return imported;
                }
            }
        }

        private ImmutableArray<ITypeSymbol> Read(IMethodSymbol factory)
        {
            var imports = ImmutableArray.CreateBuilder<ITypeSymbol>();
            foreach (var reference in factory.DeclaringSyntaxReferences)
            {
#pragma warning disable RS1030 // The body of a kernel factory a call reaches, in whatever tree declares it: read once per factory.
                var model = _compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
                if (model.GetOperation(reference.GetSyntax()) is not { } body)
                {
                    continue;
                }

                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation && KernelPlugins.IsImportName(invocation.TargetMethod.Name)
                        && KernelPlugins.TryGetImported(invocation, out var plugin)
                        && (plugin is ITypeParameterSymbol || !_scopes.Of(invocation).AutoInvokes))
                    {
                        imports.Add(plugin);
                    }
                }
            }

            return imports.ToImmutable();
        }
    }
}
