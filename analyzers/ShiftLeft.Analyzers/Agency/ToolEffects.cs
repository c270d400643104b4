// Usage: var effects = new ToolEffects(compilation);   // one per compilation
//        effects.Of(method) / effects.OfBody(lambdaBody) → "writes a database: it calls OrderStore.Remove, which calls DbContext.SaveChangesAsync"
// What a tool does to the world, read from its body and, breadth first, from the bodies of the methods it calls that
// are declared in the same compilation, up to MaxDepth calls away (each method is read once; cycles end there). A call
// of an interface or abstract method declared in the compilation is followed into its implementations there (tools
// usually reach the world through an injected client); a call into another assembly is not followed: the tool's name
// is the other witness (ActingNames).
using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Agency
{
    internal sealed class ToolEffects
    {
        private const int MaxDepth = 3;

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<IMethodSymbol, BodyFacts> _bodies = new(SymbolEqualityComparer.Default);
        private readonly Lazy<ImmutableArray<INamedTypeSymbol>> _sourceTypes;

        public ToolEffects(Compilation compilation)
        {
            _compilation = compilation;
            _sourceTypes = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => SourceTypes(compilation));
        }

        /// <summary>The first side effect found from the method's body, with the calls that lead to it; null when none is found.</summary>
        public string? Of(IMethodSymbol method) => Search(FactsOf(method));

        /// <summary>The same for a body that is not a method's (a lambda handed to a tool factory).</summary>
        public string? OfBody(IOperation body) => Search(Read(body));

        private string? Search(BodyFacts start)
        {
            if (start.Effect is { } direct)
            {
                return Describe(direct, ImmutableArray<IMethodSymbol>.Empty);
            }

            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var level = new List<(IMethodSymbol Method, ImmutableArray<IMethodSymbol> Path)>();
            foreach (var callee in start.Callees)
            {
                if (seen.Add(callee))
                {
                    level.Add((callee, ImmutableArray.Create(callee)));
                }
            }

            for (var depth = 1; depth <= MaxDepth && level.Count > 0; depth++)
            {
                var next = new List<(IMethodSymbol, ImmutableArray<IMethodSymbol>)>();
                foreach (var (method, path) in level)
                {
                    var facts = FactsOf(method);
                    if (facts.Effect is { } effect)
                    {
                        return Describe(effect, path);
                    }

                    foreach (var callee in facts.Callees)
                    {
                        if (seen.Add(callee))
                        {
                            next.Add((callee, path.Add(callee)));
                        }
                    }
                }

                level = next;
            }

            return null;
        }

        private static string Describe(SideEffect effect, ImmutableArray<IMethodSymbol> path)
        {
            var text = effect.What + ": it calls ";
            foreach (var step in path)
            {
                text += step.ContainingType?.Name + "." + step.Name + ", which calls ";
            }

            return text + effect.Call;
        }

        private BodyFacts FactsOf(IMethodSymbol method) => _bodies.GetOrAdd(method.OriginalDefinition, ReadMethod);

        private BodyFacts ReadMethod(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                if (syntax is BaseMethodDeclarationSyntax { Body: null, ExpressionBody: null } or LocalFunctionStatementSyntax { Body: null, ExpressionBody: null })
                {
                    continue; // a partial declaration without its body
                }

#pragma warning disable RS1030 // The body of a method the tool calls, in whatever tree declares it: asked once per method per compilation.
                var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                if (model.GetOperation(syntax) is { } body)
                {
                    return Read(body);
                }
            }

            return BodyFacts.None;
        }

        private BodyFacts Read(IOperation body)
        {
            var callees = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation.Kind is not (OperationKind.Invocation or OperationKind.ObjectCreation))
                {
                    continue;
                }

                if (SideEffectSinks.TryClassify(operation, out var effect))
                {
                    return new BodyFacts(effect, ImmutableArray<IMethodSymbol>.Empty);
                }

                if (operation is IInvocationOperation { TargetMethod: var target } && !target.DeclaringSyntaxReferences.IsEmpty)
                {
                    if (!target.IsAbstract)
                    {
                        callees.Add(target.OriginalDefinition);
                    }
                    else
                    {
                        AddImplementations(target.OriginalDefinition, callees);
                    }
                }
            }

            return new BodyFacts(null, callees.ToImmutable());
        }

        /// <summary>The source implementations of an interface or abstract method declared in this compilation.</summary>
        private void AddImplementations(IMethodSymbol member, ImmutableArray<IMethodSymbol>.Builder into)
        {
            var owner = member.ContainingType;
            foreach (var type in _sourceTypes.Value)
            {
                ISymbol? implementation = null;
                if (owner.TypeKind == TypeKind.Interface)
                {
                    if (type.TypeKind != TypeKind.Interface && type.AllInterfaces.Contains(owner, SymbolEqualityComparer.Default))
                    {
                        implementation = type.FindImplementationForInterfaceMember(member);
                    }
                }
                else
                {
                    for (var candidate = type; candidate is not null && implementation is null; candidate = candidate.BaseType)
                    {
                        foreach (var declared in candidate.GetMembers(member.Name))
                        {
                            if (declared is IMethodSymbol { IsOverride: true } overriding && IsOverrideOf(overriding, member))
                            {
                                implementation = overriding;
                                break;
                            }
                        }
                    }
                }

                if (implementation is IMethodSymbol { IsAbstract: false, DeclaringSyntaxReferences.IsEmpty: false } method)
                {
                    into.Add(method.OriginalDefinition);
                }
            }
        }

        private static bool IsOverrideOf(IMethodSymbol method, IMethodSymbol member)
        {
            for (var current = method.OverriddenMethod; current is not null; current = current.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, member))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every class and struct declared in the compilation (nested ones too): listed once, on the first call through an interface.</summary>
        private static ImmutableArray<INamedTypeSymbol> SourceTypes(Compilation compilation)
        {
            var types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        pending.Push(ns);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        if (type.TypeKind is TypeKind.Class or TypeKind.Struct)
                        {
                            types.Add(type);
                        }

                        pending.Push(type);
                    }
                }
            }

            return types.ToImmutable();
        }

        private sealed class BodyFacts
        {
            public static readonly BodyFacts None = new(null, ImmutableArray<IMethodSymbol>.Empty);

            public BodyFacts(SideEffect? effect, ImmutableArray<IMethodSymbol> callees)
            {
                Effect = effect;
                Callees = callees;
            }

            public SideEffect? Effect { get; }

            public ImmutableArray<IMethodSymbol> Callees { get; }
        }
    }
}
