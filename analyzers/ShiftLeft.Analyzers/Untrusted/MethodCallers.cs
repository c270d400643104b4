// Usage: foreach (var call in flow.Callers.Of(method)) ...   // every call of a method of the compilation, bound
//        if (flow.Callers.AreAllVisible(method)) ...             // and no call of it can come from anywhere else
// Where a method's parameters come from when a rule follows them back: the calls of the method in the compilation,
// directly or through an interface or base method it implements or overrides. Files are searched for the method's
// name first (ordinal, no binding); only invocations written with that name are bound. One answer per method and
// compilation. Used only by questions that follow parameters to their callers (model output: SL0007; a helper's
// prompt: SL0002, SL0006, SL0009).
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
        private readonly AnswerCache<IMethodSymbol, bool> _allVisible;

        public MethodCallers(Compilation compilation)
        {
            _compilation = compilation;
            _callers = new AnswerCache<IMethodSymbol, ImmutableArray<IInvocationOperation>>(SymbolEqualityComparer.Default, Find);
            _allVisible = new AnswerCache<IMethodSymbol, bool>(SymbolEqualityComparer.Default, method => OutsideCallers.CannotCall(method, compilation) && OnlyCalled(method));
        }

        public ImmutableArray<IInvocationOperation> Of(IMethodSymbol method) => _callers.Get(method.OriginalDefinition);

        /// <summary>
        /// Every call of <paramref name="method"/> is one <see cref="Of"/> finds: no code outside the compilation can call it
        /// (<see cref="OutsideCallers"/>), and nothing here names it other than to call it (a method group handed to a
        /// delegate, an event or a framework leaves its callers unseen).
        /// </summary>
        public bool AreAllVisible(IMethodSymbol method) => _allVisible.Get(method.OriginalDefinition);

        private bool OnlyCalled(IMethodSymbol method)
        {
            var models = new SemanticModels(_compilation);
            foreach (var tree in TreesNaming.In(_compilation, method.Name))
            {
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not SimpleNameSyntax name || name.Identifier.ValueText != method.Name || IsCalledName(name) || IsInNameOf(name))
                    {
                        continue;
                    }

                    var info = models.Get(tree).GetSymbolInfo(name);
                    if (Names(info.Symbol, method))
                    {
                        return false;
                    }

                    foreach (var candidate in info.CandidateSymbols)
                    {
                        if (Names(candidate, method))
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }

        private static bool Names(ISymbol? symbol, IMethodSymbol method) =>
            symbol is IMethodSymbol named && SymbolEqualityComparer.Default.Equals((named.ReducedFrom ?? named).OriginalDefinition, method);

        /// <summary>The name of the method an invocation calls: <c>M(…)</c>, <c>x.M(…)</c>, <c>x?.M(…)</c>.</summary>
        private static bool IsCalledName(SimpleNameSyntax name) => name.Parent switch
        {
            InvocationExpressionSyntax invocation => invocation.Expression == name,
            MemberAccessExpressionSyntax access => access.Name == name && access.Parent is InvocationExpressionSyntax called && called.Expression == access,
            MemberBindingExpressionSyntax binding => binding.Name == name && binding.Parent is InvocationExpressionSyntax bound && bound.Expression == binding,
            _ => false,
        };

        private static bool IsInNameOf(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null and not StatementSyntax and not MemberDeclarationSyntax; current = current.Parent)
            {
                if (current is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
                {
                    return true;
                }
            }

            return false;
        }

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
