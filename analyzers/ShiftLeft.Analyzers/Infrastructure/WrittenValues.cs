// Usage: the values written to a local, field or property that a reference can see, in the reference's file.
//   foreach (var value in WrittenValues.Of(local.Local, reference)) { ... }   // declarator, then assignments in the member
//   foreach (var value in WrittenValues.Of(field.Field, reference)) { ... }   // initializer, then assignments in constructors
// A local's values are its declarator's initializer and the simple assignments in the reading member (lambdas and local
// functions included); a field's or property's are its initializer and the simple assignments in the instance
// constructors of its type, declared in the same file. Nothing else (another file, a method other than a constructor)
// is looked at: the caller decides what an empty answer means.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class WrittenValues
    {
        public static IEnumerable<IOperation> Of(ISymbol symbol, IOperation reference)
        {
            var model = reference.SemanticModel;
            if (model is null)
            {
                yield break;
            }

            foreach (var declaration in symbol.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree != model.SyntaxTree)
                {
                    continue;
                }

                var initializer = declaration.GetSyntax() switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };
                if (initializer is not null && model.GetOperation(initializer) is { } written)
                {
                    yield return written;
                }
            }

            if (symbol.Kind == SymbolKind.Local)
            {
                foreach (var value in Assignments(OperationScope.GetMemberRoot(reference), symbol))
                {
                    yield return value;
                }

                yield break;
            }

            foreach (var constructor in symbol.ContainingType?.InstanceConstructors ?? default)
            {
                foreach (var declaration in constructor.DeclaringSyntaxReferences)
                {
                    if (declaration.SyntaxTree == model.SyntaxTree && model.GetOperation(declaration.GetSyntax()) is { } body)
                    {
                        foreach (var value in Assignments(body, symbol))
                        {
                            yield return value;
                        }
                    }
                }
            }
        }

        private static IEnumerable<IOperation> Assignments(IOperation root, ISymbol symbol)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation.Kind == OperationKind.SimpleAssignment
                    && OperationScope.TryGetTrackedSymbol(OperationScope.Unwrap(((ISimpleAssignmentOperation)operation).Target), out var assigned)
                    && SymbolEqualityComparer.Default.Equals(assigned, symbol))
                {
                    yield return ((ISimpleAssignmentOperation)operation).Value;
                }
            }
        }
    }
}
