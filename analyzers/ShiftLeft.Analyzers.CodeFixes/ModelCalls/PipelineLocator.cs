using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.ModelCalls;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// Finds, in the diagnostic's document, where a Microsoft.Extensions.AI client receiver is created: the
    /// <c>ChatClientBuilder.Build()</c> / <c>EmbeddingGeneratorBuilder.Build()</c> calls ending its builder chains, or
    /// the plain creation expressions (adapters, constructors) that have no builder yet; or that it comes from outside
    /// (a parameter: constructor injection, a primary-constructor or method parameter, a DI-resolved lambda parameter).
    /// </summary>
    internal sealed class PipelineLocator
    {
        private readonly ModelCallFixContext _context;
        private readonly HashSet<ISymbol> _visited = new(SymbolEqualityComparer.Default);

        private PipelineLocator(ModelCallFixContext context) => _context = context;

        public List<InvocationExpressionSyntax> BuildCalls { get; } = new();
        public List<ExpressionSyntax> UnbuiltCreations { get; } = new();

        /// <summary>The receiver is (or was assigned from) a parameter: the client is made elsewhere, usually by DI.</summary>
        public bool IsInjected { get; private set; }

        public bool HasVisibleCreation => BuildCalls.Count > 0 || UnbuiltCreations.Count > 0;

        public static PipelineLocator? Locate(ModelCallFixContext context)
        {
            if (context.Call.Receiver is not { } receiver || !ClientPipeline.IsPipelineClient(context.ShiftLeft, receiver))
            {
                return null;
            }

            var locator = new PipelineLocator(context);
            locator.Follow(receiver, 0);
            return locator;
        }

        private void Follow(IOperation operation, int depth)
        {
            if (depth > 3)
            {
                return;
            }

            var value = OperationScope.Unwrap(operation);
            switch (value)
            {
                case IParameterReferenceOperation:
                    IsInjected = true;
                    break;
                case ILocalReferenceOperation local:
                    FollowSymbol(local.Local, depth);
                    break;
                case IFieldReferenceOperation field:
                    FollowSymbol(field.Field, depth);
                    break;
                case IPropertyReferenceOperation property:
                    FollowSymbol(property.Property, depth);
                    break;
                case IInvocationOperation or IObjectCreationOperation when value.Syntax is ExpressionSyntax expression && expression.SyntaxTree == _context.Syntax.SyntaxTree:
                    ReadCreation(expression);
                    break;
            }
        }

        private void FollowSymbol(ISymbol symbol, int depth)
        {
            if (!_visited.Add(symbol))
            {
                return;
            }

            var tree = _context.Syntax.SyntaxTree;
            var model = _context.SemanticModel;
            foreach (var reference in symbol.DeclaringSyntaxReferences.Where(reference => reference.SyntaxTree == tree))
            {
                var initializer = reference.GetSyntax() switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };
                if (initializer is not null && model.GetOperation(initializer) is { } operation)
                {
                    Follow(operation, depth + 1);
                }
            }

            // Assignments in the same document (constructors, the same method).
            foreach (var assignment in tree.GetRoot().DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (model.GetOperation(assignment) is ISimpleAssignmentOperation simple
                    && OperationScope.TryGetTrackedSymbol(OperationScope.Unwrap(simple.Target), out var target)
                    && SymbolEqualityComparer.Default.Equals(target, symbol))
                {
                    Follow(simple.Value, depth + 1);
                }
            }
        }

        private void ReadCreation(ExpressionSyntax expression)
        {
            if (_context.SemanticModel.GetOperation(expression) is IInvocationOperation { TargetMethod.Name: "Build" } build
                && build.TargetMethod.ContainingType?.Name is "ChatClientBuilder" or "EmbeddingGeneratorBuilder"
                && expression is InvocationExpressionSyntax buildSyntax)
            {
                BuildCalls.Add(buildSyntax);
                return;
            }

            UnbuiltCreations.Add(expression);
        }
    }
}
