// Usage: inProcessTools.IsOfferedOnlyInProcess(toolMethod)
// A Semantic Kernel function whose plugin type is imported only into kernels whose model runs in the application's
// process: what it returns reaches no model operator (SL0004 does not apply to its return value). Every mention of the
// plugin type in the compilation must be such an import (kernel.Plugins.AddFromObject(new T(…)), ImportPluginFromType<T>()
// on a kernel or builder whose only model service is in-process). Anything else — a plugin made elsewhere, a kernel
// from DI or with no model service of its own (it may be handed to any chat service), an AIFunctionFactory or MCP
// tool, whose clients are not traced here — keeps the tool reported. Answered once per plugin type.
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Agency;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.ModelCalls;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal sealed class InProcessTools
    {
        private readonly ShiftLeftCompilation _shiftLeft;
        private readonly AnswerCache<INamedTypeSymbol, bool> _pluginTypes;

        public InProcessTools(ShiftLeftCompilation shiftLeft)
        {
            _shiftLeft = shiftLeft;
            _pluginTypes = new AnswerCache<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default, ComputeImportedOnlyInProcess);
        }

        public bool IsOfferedOnlyInProcess(IMethodSymbol tool) =>
            AttributeNames.Has(tool, "KernelFunctionAttribute")
            && !AttributeNames.Has(tool, "McpServerToolAttribute")
            && !_shiftLeft.Tools.IsFactoryTarget(tool)
            && tool.ContainingType is { } plugin
            && _pluginTypes.Get(plugin.OriginalDefinition);

        private bool ComputeImportedOnlyInProcess(INamedTypeSymbol plugin)
        {
            var imported = false;
            foreach (var tree in TreesNaming.In(_shiftLeft.Compilation, plugin.Name))
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not SimpleNameSyntax name || name.Identifier.ValueText != plugin.Name || IsWithinDeclaration(name, plugin))
                    {
                        continue;
                    }

                    model ??= _shiftLeft.Compilation.GetSemanticModel(tree);
                    if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol?.OriginalDefinition, plugin))
                    {
                        continue;
                    }

                    if (!IsInProcessImport(name, plugin, model))
                    {
                        return false;
                    }

                    imported = true;
                }
            }

            return imported;
        }

        /// <summary>The mention is the plugin named in an import (its type argument, or the object created as its target) on an in-process kernel.</summary>
        private bool IsInProcessImport(SimpleNameSyntax mention, INamedTypeSymbol plugin, SemanticModel model)
        {
            var invocation = mention.FirstAncestorOrSelf<InvocationExpressionSyntax>();
            return invocation is not null
                && model.GetOperation(invocation) is IInvocationOperation import
                && KernelPlugins.TryGetImported(import, out var imported)
                && SymbolEqualityComparer.Default.Equals(imported.OriginalDefinition, plugin)
                && ClientPipeline.OfPluginImport(_shiftLeft, import) is { RunsInProcess: true };
        }

        private static bool IsWithinDeclaration(SyntaxNode node, INamedTypeSymbol plugin)
        {
            foreach (var reference in plugin.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == node.SyntaxTree && reference.Span.Contains(node.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
