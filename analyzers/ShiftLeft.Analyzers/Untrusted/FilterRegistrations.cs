// Usage: FilterRegistrations.Of(compilation, filterType)   // the members that create or register a filter type
// A Semantic Kernel filter's context (FunctionInvocationContext, AutoFunctionInvocationContext, PromptRenderContext)
// carries the kernel the filter runs for: a kernel the filter was added to. The members that create the filter
// (new AutoFunctionInvocationFilter(...)) or name it as a type argument (AddSingleton<IFunctionInvocationFilter,
// LoggingFilter>()) are where it is added to a kernel or its builder; every plugin registered in those members is
// counted (a superset when a member builds several kernels: more tools can only make a finding more likely).
// Found by an ordinal search of each file's text for the type's name, then binding only the nodes that name it.
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal static class FilterRegistrations
    {
        // Asked again for every model call made through a filter's context.Kernel: the search (which binds what it finds
        // in a semantic model of its own) runs once per filter type and compilation.
        private static readonly ConditionalWeakTable<Compilation, AnswerCache<INamedTypeSymbol, ImmutableArray<IOperation>>> Answers = new();

        /// <summary>The member roots (see <see cref="OperationScope.GetMemberRoot"/>) that create or name <paramref name="filter"/>.</summary>
        public static ImmutableArray<IOperation> Of(Compilation compilation, INamedTypeSymbol filter) =>
            Answers.GetValue(compilation, key => new AnswerCache<INamedTypeSymbol, ImmutableArray<IOperation>>(SymbolEqualityComparer.Default, type => Find(key, type)))
                .Get(filter.OriginalDefinition);

        private static ImmutableArray<IOperation> Find(Compilation compilation, INamedTypeSymbol filter)
        {
            var roots = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var tree in TreesNaming.In(compilation, filter.Name))
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    var named = node switch
                    {
                        ObjectCreationExpressionSyntax creation => creation.Type,
                        GenericNameSyntax generic => generic,
                        _ => null,
                    };
                    if (named is null || !named.ToString().Contains(filter.Name))
                    {
                        continue;
                    }

                    model ??= compilation.GetSemanticModel(tree);
                    if (!Names(model, node, filter) || model.GetOperation(node) is not { } operation)
                    {
                        continue;
                    }

                    var root = OperationScope.GetMemberRoot(operation);
                    if (!roots.Contains(root))
                    {
                        roots.Add(root);
                    }
                }
            }

            return roots.ToImmutable();
        }

        private static bool Names(SemanticModel model, SyntaxNode node, INamedTypeSymbol filter)
        {
            if (node is ObjectCreationExpressionSyntax creation)
            {
                return SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(creation).Type?.OriginalDefinition, filter.OriginalDefinition);
            }

            var symbol = model.GetSymbolInfo(node).Symbol;
            var arguments = symbol switch
            {
                IMethodSymbol method => method.TypeArguments,
                INamedTypeSymbol type => type.TypeArguments,
                _ => ImmutableArray<ITypeSymbol>.Empty,
            };
            foreach (var argument in arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argument.OriginalDefinition, filter.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
