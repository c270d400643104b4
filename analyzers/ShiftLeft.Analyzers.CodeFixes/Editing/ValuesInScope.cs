// Usage: a value of some type that code inserted at a position can use.
//   foreach (var (name, type) in ValuesInScope.Find(model, position, type => IsLoggerFactory(type))) ...   // best first
// Order: locals declared before the position, parameters of the enclosing functions, then fields and properties, then
// primary-constructor parameters (using one in a member body captures it). What the position cannot use is left out:
// instance members in static code, field initializers and constructors (a field may not be assigned yet there), values
// that may be null (declared nullable, or a local initialised with a maybe-null value, or not initialised where declared):
// passing null where the fix needs a value compiles, then fails at run time.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ShiftLeft.Analyzers.CodeFixes.Editing
{
    internal static class ValuesInScope
    {
        public static IEnumerable<(string Name, ITypeSymbol Type)> Find(SemanticModel model, int position, System.Func<ITypeSymbol, bool> fits)
        {
            var enclosing = model.GetEnclosingSymbol(position);
            var member = ContainingMember(enclosing);
            // Instance members only from an instance method or accessor: not from static code, not from a field or
            // property initializer (CS0236), not from a constructor (the member may be assigned after the position).
            var membersUsable = member is IMethodSymbol { IsStatic: false, MethodKind: not MethodKind.Constructor and not MethodKind.StaticConstructor };

            var locals = new List<(string, ITypeSymbol)>();
            var parameters = new List<(string, ITypeSymbol)>();
            var members = new List<(string, ITypeSymbol)>();
            var primaryParameters = new List<(string, ITypeSymbol)>();
            foreach (var symbol in model.LookupSymbols(position))
            {
                var type = symbol switch
                {
                    ILocalSymbol local when local.DeclaringSyntaxReferences.All(reference => reference.Span.End <= position) => local.Type,
                    IParameterSymbol parameter => parameter.Type,
                    IFieldSymbol field when !field.IsImplicitlyDeclared && (field.IsStatic || membersUsable) => field.Type,
                    IPropertySymbol property when (property.IsStatic || membersUsable) && property.GetMethod is not null && !property.IsIndexer => property.Type,
                    _ => null,
                };
                if (type is null || !fits(type) || MayBeNull(symbol, type, model))
                {
                    continue;
                }

                var list = symbol switch
                {
                    ILocalSymbol => locals,
                    IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } when IsPrimaryConstructor(constructor) && !SymbolEqualityComparer.Default.Equals(constructor, member) => primaryParameters,
                    IParameterSymbol => parameters,
                    _ => members,
                };
                list.Add((Layout.Identifier(symbol.Name), type));
            }

            return locals.Concat(parameters).Concat(members).Concat(primaryParameters);
        }

        /// <summary>
        /// Declared nullable, or a local whose initializer may be null. (A <c>var</c> local is always declared nullable;
        /// its initializer says what it holds.)
        /// </summary>
        private static bool MayBeNull(ISymbol symbol, ITypeSymbol type, SemanticModel model)
        {
            if (symbol is not ILocalSymbol local)
            {
                return type.NullableAnnotation == NullableAnnotation.Annotated;
            }

            var declarator = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as VariableDeclaratorSyntax;
            return declarator?.Initializer is not { } initializer
                || (declarator.SyntaxTree == model.SyntaxTree
                    ? model.GetTypeInfo(initializer.Value).Nullability.FlowState == NullableFlowState.MaybeNull
                    : type.NullableAnnotation == NullableAnnotation.Annotated);
        }

        /// <summary>The method, property or field whose code holds the position (through lambdas and local functions).</summary>
        private static ISymbol? ContainingMember(ISymbol? symbol)
        {
            for (var current = symbol; current is not null; current = current.ContainingSymbol)
            {
                if (current is IMethodSymbol { MethodKind: not MethodKind.AnonymousFunction and not MethodKind.LocalFunction } or IFieldSymbol or IPropertySymbol)
                {
                    return current;
                }
            }

            return null;
        }

        private static bool IsPrimaryConstructor(IMethodSymbol constructor) =>
            constructor.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax() is TypeDeclarationSyntax);
    }
}
