// Usage: MethodIdentity.RelatedMethods(invocation.TargetMethod) yields the method as declared (OriginalDefinition,
// ReducedFrom), every method it overrides and every interface member it implements. Matching a rule table or a
// configured name against all of them is how "all overloads, extension forms, overrides and interface
// implementations" are recognised without comparing signatures.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class MethodIdentity
    {
        public static IEnumerable<IMethodSymbol> RelatedMethods(IMethodSymbol method)
        {
            var declared = (method.ReducedFrom ?? method).OriginalDefinition;
            yield return declared;

            for (var overridden = declared.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                yield return overridden.OriginalDefinition;
            }

            foreach (var explicitImplementation in declared.ExplicitInterfaceImplementations)
            {
                yield return explicitImplementation.OriginalDefinition;
            }

            var containingType = declared.ContainingType;
            if (containingType is null || declared.IsStatic || containingType.TypeKind == TypeKind.Interface)
            {
                yield break;
            }

            foreach (var implemented in containingType.AllInterfaces)
            {
                foreach (var member in implemented.GetMembers(declared.Name))
                {
                    if (member is IMethodSymbol interfaceMethod
                        && SymbolEqualityComparer.Default.Equals(containingType.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, declared))
                    {
                        yield return interfaceMethod.OriginalDefinition;
                    }
                }
            }
        }
    }
}
