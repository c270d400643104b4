// Usage: foreach (var value in shiftLeft.MemberWrites.Of(field)) ...   // every value the field's type stores in it
// A field's or property's writes across every declaration of its type (partial declarations and the Razor generator's
// output included): its initializer, assignments (this.X = v, X = v, X ??= v), and values added to it (X.Add(v),
// X.AddUserMessage(v), X.Append(v)). The type's text is searched for the name first (ordinal, no binding); only the
// statements that name it are bound. One answer per member and compilation: the same few fields (a kernel, a
// configuration object) are asked about from every model call of their type.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal sealed class MemberWrites
    {
        private readonly AnswerCache<ISymbol, ImmutableArray<IOperation>> _writes;

        public MemberWrites(Compilation compilation)
        {
            _writes = new AnswerCache<ISymbol, ImmutableArray<IOperation>>(SymbolEqualityComparer.Default, member => Find(member, new SemanticModels(compilation)));
        }

        public ImmutableArray<IOperation> Of(ISymbol member) => _writes.Get(member.OriginalDefinition);

        private ImmutableArray<IOperation> Find(ISymbol member, SemanticModels models)
        {
            var values = ImmutableArray.CreateBuilder<IOperation>();
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
                return values.ToImmutable();
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax();
                // The file's text as parsed (no copy for an ordinary file), not the declaration printed back to text.
                if (declaration.SyntaxTree.GetText().ToString().IndexOf(name, declaration.Span.Start, declaration.Span.Length, StringComparison.Ordinal) < 0)
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
                        // x! has no operation of its own: the value is its operand's.
                        var stored = value is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed ? suppressed.Operand : value;
                        if (model.GetOperation(stored) is { } operation)
                        {
                            values.Add(operation);
                        }
                    }
                }
            }

            return values.ToImmutable();
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
}
