// Usage: var entry = flow.Handlers.Of(method, models);   // the CallbackInput catalogue row a method is handed to as a method group, or null
// A method handed by name to a call that feeds its callback outside data — app.MapPost("/chat", HandleChatAsync),
// connection.On("message", OnMessage) — receives that data in its parameters, as a lambda written there would. The
// method's containing type is searched (once per method) for a method-group reference handed to such a call: handlers
// are mapped beside where they are written, and a search of the whole compilation per parameter would cost more than
// the precision it adds.
using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal sealed class HandlerMethods
    {
        private static readonly CatalogEntry NotAHandler = new(CatalogRole.Trusted, UntrustedSourceKind.Unknown, "not a handler");

        private readonly UntrustedSourceCatalog _catalog;
        private readonly ConcurrentDictionary<IMethodSymbol, CatalogEntry> _handlers = new(SymbolEqualityComparer.Default);

        public HandlerMethods(UntrustedSourceCatalog catalog) => _catalog = catalog;

        public CatalogEntry? Of(IMethodSymbol method, SemanticModels models)
        {
            var key = method.OriginalDefinition;
            if (!_handlers.TryGetValue(key, out var entry))
            {
                _handlers[key] = entry = Find(key, models) ?? NotAHandler;
            }

            return entry == NotAHandler ? null : entry;
        }

        private CatalogEntry? Find(IMethodSymbol method, SemanticModels models)
        {
            if (method.ContainingType is not { } type)
            {
                return null;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                // A method group names the method in the text: where this declaration's text names it only where the method
                // itself is declared, there is nothing to find, and the syntax walk below is skipped.
                if (!NamedMoreThan(reference, method.Name, DeclarationsWithin(method, reference)))
                {
                    continue;
                }

                var declaration = reference.GetSyntax();
                foreach (var node in declaration.DescendantNodes())
                {
                    // A method group, not a call: an identifier (or member access) naming the method, outside an invocation's callee.
                    if (node is not IdentifierNameSyntax { Identifier.ValueText: var name } identifier || name != method.Name
                        || identifier.Parent is InvocationExpressionSyntax
                        || (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier && access.Parent is InvocationExpressionSyntax))
                    {
                        continue;
                    }

                    // The delegate creation (and its conversion to Delegate) share the method group's syntax: the outermost comes back.
                    var operation = models.Get(declaration.SyntaxTree).GetOperation(identifier.Parent is MemberAccessExpressionSyntax member && member.Name == identifier ? member : identifier);
                    while (operation is IConversionOperation or IDelegateCreationOperation)
                    {
                        operation = operation is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)operation).Target;
                    }

                    if (operation is IMethodReferenceOperation { Method: var referenced, Parent: IDelegateCreationOperation handler }
                        && SymbolEqualityComparer.Default.Equals(referenced.OriginalDefinition, method)
                        && ArgumentOf(handler) is { Parent: IInvocationOperation call }
                        && _catalog.Of(call.TargetMethod) is { Role: CatalogRole.CallbackInput } entry)
                    {
                        return entry;
                    }
                }
            }

            return null;
        }

        private static int DeclarationsWithin(IMethodSymbol method, SyntaxReference reference)
        {
            var count = 0;
            foreach (var declaration in method.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree == reference.SyntaxTree && reference.Span.Contains(declaration.Span))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>Whether <paramref name="name"/> occurs more than <paramref name="times"/> times in the declaration's span of its file's text.</summary>
        private static bool NamedMoreThan(SyntaxReference reference, string name, int times)
        {
            var text = reference.SyntaxTree.GetText().ToString();
            var end = reference.Span.End;
            var count = 0;
            for (var at = reference.Span.Start; at <= end - name.Length; at += name.Length)
            {
                at = text.IndexOf(name, at, end - at, StringComparison.Ordinal);
                if (at < 0)
                {
                    return false;
                }

                if (++count > times)
                {
                    return true;
                }
            }

            return false;
        }

        // MapPost(…, Delegate handler): the method group's natural delegate type is converted to Delegate on the way.
        private static IArgumentOperation? ArgumentOf(IOperation handler)
        {
            var current = handler.Parent;
            while (current is IConversionOperation)
            {
                current = current.Parent;
            }

            return current as IArgumentOperation;
        }
    }
}
