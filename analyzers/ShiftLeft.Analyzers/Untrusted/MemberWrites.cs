// Usage: foreach (var value in MemberWrites.Of(field, models)) ...   // every value the field's type stores in it
// A field's or property's writes across every declaration of its type (partial declarations and the Razor generator's
// output included): its initializer, assignments (this.X = v, X = v, X ??= v), and values added to it (X.Add(v),
// X.AddUserMessage(v), X.Append(v)). The type's text is searched for the name first (ordinal, no binding); only the
// statements that name it are bound.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal static class MemberWrites
    {
        public static List<IOperation> Of(ISymbol member, SemanticModels models)
        {
            var values = new List<IOperation>();
            var name = member.Name;

            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var initializer = reference.GetSyntax() switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };
                if (initializer is not null && models.Get(initializer.SyntaxTree).GetOperation(initializer) is { } operation)
                {
                    values.Add(operation);
                }
            }

            var type = member.ContainingType;
            if (type is null)
            {
                return values;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax();
                if (declaration.ToString().IndexOf(name, StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var node in declaration.DescendantNodes())
                {
                    if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name)
                    {
                        continue;
                    }

                    // this.X and X are the same place.
                    ExpressionSyntax place = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier ? access : identifier;
                    var written = WrittenValues(place);
                    if (written.Count == 0)
                    {
                        continue;
                    }

                    model ??= models.Get(declaration.SyntaxTree);
                    if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier).Symbol?.OriginalDefinition, member.OriginalDefinition))
                    {
                        continue;
                    }

                    foreach (var value in written)
                    {
                        if (model.GetOperation(value) is { } operation)
                        {
                            values.Add(operation);
                        }
                    }
                }
            }

            return values;
        }

        /// <summary>The expressions stored into <paramref name="place"/> where it is written; empty where it is only read.</summary>
        private static List<ExpressionSyntax> WrittenValues(ExpressionSyntax place)
        {
            var values = new List<ExpressionSyntax>();
            switch (place.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == place:
                    values.Add(assignment.Right);
                    break;
                case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } access when access.Expression == place && IsAddition(access.Name.Identifier.ValueText):
                    foreach (var argument in invocation.ArgumentList.Arguments)
                    {
                        values.Add(argument.Expression);
                    }

                    break;
            }

            return values;
        }

        private static bool IsAddition(string method) =>
            method.StartsWith("Add", StringComparison.Ordinal) || method.StartsWith("Append", StringComparison.Ordinal)
            || method is "Insert" or "InsertRange" or "Push" or "Enqueue" or "TryAdd";
    }

    /// <summary>Semantic models of the trees one question visits, each made once.</summary>
    internal sealed class SemanticModels
    {
        private readonly Compilation _compilation;
        private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();

        public SemanticModels(Compilation compilation) => _compilation = compilation;

        public SemanticModel Get(SyntaxTree tree)
        {
            if (!_models.TryGetValue(tree, out var model))
            {
                _models[tree] = model = _compilation.GetSemanticModel(tree);
            }

            return model;
        }
    }
}
