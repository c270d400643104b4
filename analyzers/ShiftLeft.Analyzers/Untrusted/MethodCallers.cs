// Usage: foreach (var call in flow.Callers.Of(method)) ...   // every call of a method of the compilation, bound
// Where a method's parameters come from when a rule follows them back: the calls of the method in the compilation,
// directly or through an interface or base method it implements or overrides. Files are searched for the method's
// name first (ordinal, no binding); only invocations written with that name are bound. One answer per method and
// compilation. Used only by questions that follow parameters to their callers (model output: SL0007).
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal sealed class MethodCallers
    {
        private readonly Compilation _compilation;
        private readonly AnswerCache<IMethodSymbol, ImmutableArray<IInvocationOperation>> _callers;

        public MethodCallers(Compilation compilation)
        {
            _compilation = compilation;
            _callers = new AnswerCache<IMethodSymbol, ImmutableArray<IInvocationOperation>>(SymbolEqualityComparer.Default, Find);
        }

        public ImmutableArray<IInvocationOperation> Of(IMethodSymbol method) => _callers.Get(method.OriginalDefinition);

        private ImmutableArray<IInvocationOperation> Find(IMethodSymbol method)
        {
            var calls = ImmutableArray.CreateBuilder<IInvocationOperation>();
            var models = new SemanticModels(_compilation);
            foreach (var tree in TreesNaming.In(_compilation, method.Name))
            {
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax invocation || NameOf(invocation.Expression) != method.Name
                        || models.Get(tree).GetOperation(invocation) is not IInvocationOperation operation || !Calls(operation.TargetMethod, method))
                    {
                        continue;
                    }

                    calls.Add(operation);
                }
            }

            return calls.ToImmutable();
        }

        private static string? NameOf(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        private static bool Calls(IMethodSymbol target, IMethodSymbol method)
        {
            var declared = (target.ReducedFrom ?? target).OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(declared, method))
            {
                return true;
            }

            // A call through an interface or a base method that the method implements or overrides.
            if (declared.ContainingType?.TypeKind == TypeKind.Interface && method.ContainingType is { } implementing
                && SymbolEqualityComparer.Default.Equals(implementing.FindImplementationForInterfaceMember(declared)?.OriginalDefinition, method))
            {
                return true;
            }

            for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, declared))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
