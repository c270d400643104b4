// Usage: SampleData.HoldsLiteral(member, instance, semanticModel) → the read gives a constant written in the same method
// Data written in the source is judged by its content: sample contacts a method builds from constants ("Julia Weber",
// an @example.com address) are not a person's data unless the literal itself is (PersonalDataLiterals: a real e-mail
// address, a card number that passes its checksum, …). Narrow on purpose, and syntax first: the object is a local created
// in the same method with that member set to a constant (new Contact { Name = "Julia Weber" }) and never reassigned,
// or the iteration variable of a foreach over a local collection built there only from such objects and only read.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal static class SampleData
    {
        /// <summary>
        /// True when reading <paramref name="member"/> on <paramref name="instance"/> provably gives a constant set in the
        /// same method, and no such constant is personal data itself.
        /// </summary>
        public static bool HoldsLiteral(ISymbol member, IOperation? instance, SemanticModel semanticModel)
        {
            if (instance is null || OperationScope.Unwrap(instance) is not ILocalReferenceOperation { Local: { } local }
                || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].SyntaxTree != semanticModel.SyntaxTree)
            {
                return false;
            }

            var declaration = local.DeclaringSyntaxReferences[0].GetSyntax();
            if (Body(declaration) is not { } body || IsWritten(body, local.Name, member.Name, declaration))
            {
                return false;
            }

            switch (declaration)
            {
                case VariableDeclaratorSyntax { Initializer.Value: { } value }:
                    return SetsLiteral(value, member, semanticModel);
                case ForEachStatementSyntax { Expression: IdentifierNameSyntax collectionName }:
                    return semanticModel.GetSymbolInfo(collectionName).Symbol is ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } collection
                        && collection.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } built }
                        && IsOnlyIterated(body, collection.Name, built)
                        && ElementsSetLiteral(built, member, semanticModel);
                default:
                    return false;
            }
        }

        private static SyntaxNode? Body(SyntaxNode declaration)
        {
            foreach (var ancestor in declaration.Ancestors())
            {
                switch (ancestor)
                {
                    case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                        return ancestor;
                }
            }

            return null;
        }

        /// <summary>The local is assigned again, passed by reference, or its member is assigned (<c>contact.Name = …</c>).</summary>
        private static bool IsWritten(SyntaxNode body, string local, string member, SyntaxNode declaration)
        {
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } when target.Identifier.ValueText == local:
                    case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name.Identifier.ValueText: var name } }
                        when owner.Identifier.ValueText == local && name == member:
                    case ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: IdentifierNameSyntax passed } when passed.Identifier.ValueText == local:
                        return true;
                }
            }

            return false;
        }

        /// <summary>Every mention of the collection is its declaration, a foreach over it, or a property read (<c>.Count</c>): nothing else goes in.</summary>
        private static bool IsOnlyIterated(SyntaxNode body, string collection, SyntaxNode built)
        {
            foreach (var node in body.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != collection || built.Span.Contains(name.Span))
                {
                    continue;
                }

                var read = name.Parent switch
                {
                    ForEachStatementSyntax loop => loop.Expression == name,
                    MemberAccessExpressionSyntax access => access.Expression == name && access.Parent is not InvocationExpressionSyntax && !IsAssigned(access),
                    _ => false,
                };
                if (!read)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAssigned(ExpressionSyntax expression) => expression.Parent is AssignmentExpressionSyntax assignment && assignment.Left == expression;

        /// <summary>A collection initializer, array or collection expression whose every element is an object setting the member to a literal.</summary>
        private static bool ElementsSetLiteral(ExpressionSyntax built, ISymbol member, SemanticModel semanticModel)
        {
            IEnumerable<SyntaxNode>? elements = built switch
            {
                BaseObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 }, Initializer: { RawKind: (int)SyntaxKind.CollectionInitializerExpression } initializer } => initializer.Expressions,
                ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
                ImplicitArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
                CollectionExpressionSyntax collection => collection.Elements,
                _ => null,
            };
            if (elements is null)
            {
                return false;
            }

            var any = false;
            foreach (var element in elements)
            {
                var value = element is ExpressionElementSyntax expressionElement ? expressionElement.Expression : element as ExpressionSyntax;
                if (value is null || !SetsLiteral(value, member, semanticModel))
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        /// <summary><c>new Contact { Name = "Julia Weber", … }</c>: the member is set to a constant that is not personal data itself.</summary>
        private static bool SetsLiteral(ExpressionSyntax value, ISymbol member, SemanticModel semanticModel)
        {
            if (value is not BaseObjectCreationExpressionSyntax { Initializer: { RawKind: (int)SyntaxKind.ObjectInitializerExpression } initializer })
            {
                return false;
            }

            foreach (var expression in initializer.Expressions)
            {
                if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target, Right: { } assigned }
                    && target.Identifier.ValueText == member.Name
                    && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(target).Symbol?.OriginalDefinition, member.OriginalDefinition))
                {
                    var constant = semanticModel.GetConstantValue(assigned);
                    return constant.HasValue && (constant.Value is not string text || PersonalDataLiterals.Describe(text) is null);
                }
            }

            return false;
        }
    }
}
