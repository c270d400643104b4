// Usage: if (OutsideCallers.CannotCall(method, compilation)) ...   // only this compilation can call the method
// Whether code outside the compilation can call a method, decided from what C# lets it reach. A rule that follows a
// helper's parameters to its callers (SL0002) may only conclude "every caller passes constants" when every caller is
// in view. Reachable from outside, so never concluded:
// - a public member of a public type, at any depth of nesting: a real entry point of a library (AskAsync(question));
// - a protected member of a type that another assembly can derive from (a public, unsealed class with a constructor
//   it can call): a derived class elsewhere calls it with whatever it likes, so protected counts as public there;
// - internal and private protected members when the assembly declares InternalsVisibleTo (a friend calls them);
// - anything a framework may call without a call in the source: a method with an attribute ([KernelFunction],
//   [McpServerTool], [JSInvokable], test attributes ...), an override, a virtual or abstract method, an
//   implementation of an interface member (an internal class's public method is public through its interface).
// An executable is treated as a library: nothing stops another assembly (a test project) referencing it.
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal static class OutsideCallers
    {
        public static bool CannotCall(IMethodSymbol method, Compilation compilation)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
                || method.DeclaringSyntaxReferences.IsEmpty || !method.GetAttributes().IsEmpty || ImplementsInterface(method))
            {
                return false;
            }

            var friends = HasFriends(compilation);
            for (ISymbol? symbol = method; symbol is IMethodSymbol or INamedTypeSymbol; symbol = symbol.ContainingType)
            {
                switch (symbol.DeclaredAccessibility)
                {
                    case Accessibility.Private:
                        return true;
                    case Accessibility.Internal or Accessibility.ProtectedAndInternal when !friends:
                        return true;
                    case Accessibility.Protected when symbol.ContainingType is { } owner && !DerivableFromOutside(owner, friends):
                        return true;
                    case Accessibility.ProtectedOrInternal when !friends && symbol.ContainingType is { } owner && !DerivableFromOutside(owner, friends):
                        return true;
                }
            }

            return false;
        }

        /// <summary>Another assembly can declare a class deriving from <paramref name="type"/> (and so reach its protected members).</summary>
        private static bool DerivableFromOutside(INamedTypeSymbol type, bool friends)
        {
            if (type.IsSealed || type.IsStatic || type.TypeKind != TypeKind.Class)
            {
                return false;
            }

            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal
                    || (friends && constructor.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedAndInternal))
                {
                    // The type itself must be reachable too: its own and its containers' accessibility.
                    for (ISymbol? symbol = type; symbol is INamedTypeSymbol; symbol = symbol.ContainingType)
                    {
                        if (symbol.DeclaredAccessibility is Accessibility.Private || (!friends && symbol.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedAndInternal))
                        {
                            return false;
                        }
                    }

                    return true;
                }
            }

            return false;
        }

        private static bool ImplementsInterface(IMethodSymbol method)
        {
            if (method.ContainingType is not { } type)
            {
                return false;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                foreach (var member in implemented.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member)?.OriginalDefinition, method.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool HasFriends(Compilation compilation)
        {
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "InternalsVisibleToAttribute" })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
