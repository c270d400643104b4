// Usage: shiftLeft.Tools.IsTool(method) → the method is exposed to a model as a tool (one instance per compilation).
// A tool's return value goes to the model (SL0004 reports personal data returned by one) and its parameters are chosen
// by the model. Tools are methods marked [KernelFunction] (Semantic Kernel) or [McpServerTool] (ModelContextProtocol),
// by simple name, and methods handed as a method group to AIFunctionFactory.Create or Semantic Kernel's
// CreateFromMethod / CreateFunctionFromMethod. The factory calls are found once per compilation, on first use, by an
// ordinal search of each file's text and a syntax walk of the few files that name a factory (`AIFunctionFactory.Create`
// as written: an alias of the type is not followed).
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class ModelTools
    {
        private static readonly string[] ToolAttributes = { "KernelFunctionAttribute", "McpServerToolAttribute" };

        private readonly Compilation _compilation;
        private readonly Lazy<ImmutableHashSet<IMethodSymbol>> _factoryTargets;

        public ModelTools(Compilation compilation)
        {
            _compilation = compilation;
            _factoryTargets = new Lazy<ImmutableHashSet<IMethodSymbol>>(ScanFactoryTargets);
        }

        public bool IsTool(ISymbol? symbol)
        {
            if (symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                return false;
            }

            foreach (var attribute in ToolAttributes)
            {
                if (AttributeNames.Has(method, attribute))
                {
                    return true;
                }
            }

            return _factoryTargets.Value.Contains(method.OriginalDefinition);
        }

        /// <summary>The method is handed to AIFunctionFactory.Create or Semantic Kernel's CreateFromMethod / CreateFunctionFromMethod.</summary>
        public bool IsFactoryTarget(IMethodSymbol method) => _factoryTargets.Value.Contains(method.OriginalDefinition);

        private ImmutableHashSet<IMethodSymbol> ScanFactoryTargets()
        {
            var targets = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var text = tree.GetText().ToString();
                if (text.IndexOf("AIFunctionFactory", StringComparison.Ordinal) < 0 && text.IndexOf("FromMethod", StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                        || !NamesFactory(access)
                        || invocation.ArgumentList.Arguments.Count == 0)
                    {
                        continue;
                    }

                    var first = invocation.ArgumentList.Arguments[0].Expression;
                    if (first is not (IdentifierNameSyntax or MemberAccessExpressionSyntax))
                    {
                        continue;
                    }

                    model ??= _compilation.GetSemanticModel(tree);
                    if (model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol factory || !IsFactory(factory))
                    {
                        continue;
                    }

                    var info = model.GetSymbolInfo(first);
                    foreach (var candidate in info.Symbol is { } symbol ? ImmutableArray.Create(symbol) : info.CandidateSymbols)
                    {
                        if (candidate is IMethodSymbol target)
                        {
                            targets.Add(target.OriginalDefinition);
                        }
                    }
                }
            }

            return targets.ToImmutable();
        }

        // Binding a call binds its whole method body: "Create" is bound only where it is written on AIFunctionFactory,
        // not on every factory of every library (OpenAIClient, Kernel.CreateBuilder's kin, JSON and HTTP helpers).
        private static bool NamesFactory(MemberAccessExpressionSyntax access) => access.Name.Identifier.ValueText switch
        {
            "Create" => access.Expression is IdentifierNameSyntax { Identifier.ValueText: "AIFunctionFactory" }
                or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AIFunctionFactory" }
                or AliasQualifiedNameSyntax { Name.Identifier.ValueText: "AIFunctionFactory" },
            "CreateFromMethod" or "CreateFunctionFromMethod" => true,
            _ => false,
        };

        private static bool IsFactory(IMethodSymbol method) =>
            (method.Name == "Create" && method.ContainingType?.Name == "AIFunctionFactory")
            || (method.Name is "CreateFromMethod" or "CreateFunctionFromMethod" && method.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) == true);
    }
}
