// Usage: ToolInvocation.ExposedBy(call, facts, writes, compilation) builds one ToolExposure per question.
// Follows the places a call's tools come from (ToolOrigin) to the tools themselves: lists and single tools
// (Microsoft.Extensions.AI's AIFunctionFactory.Create, Semantic Kernel's CreateFunctionFromMethod /
// KernelFunctionFactory.CreateFromMethod, prompt functions, MCP client tools), through locals, fields and properties
// (every write in their type), the compilation's own methods that return them, and collection expressions, arrays,
// collection initializers, spreads and LINQ over them. A kernel's plugins are followed in ToolExposure.Kernel.cs. What
// cannot be followed (a parameter, a service resolved from DI, a library call) is recorded as untraced, with why.
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal sealed partial class ToolExposure
    {
        private const int MaxDepth = 8;

        private static readonly ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> NoSubstitution =
            ImmutableDictionary.Create<ITypeParameterSymbol, ITypeSymbol>(SymbolEqualityComparer.Default);

        private readonly Compilation _compilation;
        private readonly MemberWrites _writes;
        private readonly SemanticModels _models;
        private readonly ExposedTools.Builder _tools = new();
        private readonly HashSet<ISymbol> _visited = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<IOperation, MemberFacts> _facts = new();
        private int _depth;

        public ToolExposure(Compilation compilation, MemberWrites writes)
        {
            _compilation = compilation;
            _writes = writes;
            _models = new SemanticModels(compilation);
        }

        public ExposedTools Follow(in ModelCall call, MemberFacts facts, List<ToolOrigin> origins)
        {
            var kernelFollowed = false;
            foreach (var origin in origins)
            {
                if (origin.IsKernelPlugins)
                {
                    if (!kernelFollowed)
                    {
                        kernelFollowed = true;
                        CallKernel(call, facts);
                    }
                }
                else
                {
                    Values(origin.Tools!, origin.Facts, NoSubstitution);
                }
            }

            return _tools.ToTools();
        }

        /// <summary>The tools <paramref name="value"/> holds or leads to: one tool, a list, a plugin, a list of plugins.</summary>
        private void Values(IOperation? value, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution) =>
            Follow(value, facts, substitution, isKernel: false);

        /// <summary>A kernel, kernel builder or plugin collection: the plugins registered on it.</summary>
        private void Kernel(IOperation? value, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution) =>
            Follow(value, facts, substitution, isKernel: true);

        /// <summary>
        /// One step back from a value, bounded in depth; what any value may be (null, awaited, one of two) is read here,
        /// what a tools value or a kernel may be in <see cref="ValuesCore"/> and <see cref="KernelCore"/>.
        /// </summary>
        private void Follow(IOperation? value, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution, bool isKernel)
        {
            if (value is null)
            {
                return;
            }

            if (_depth >= MaxDepth)
            {
                _tools.Untraceable(isKernel ? "a kernel built too deep to follow" : "tools built too deep to follow");
                return;
            }

            _depth++;
            try
            {
                switch (OperationScope.Unwrap(value))
                {
                    case { ConstantValue: { HasValue: true, Value: null } } or IDefaultValueOperation:
                        return;
                    case IAwaitOperation awaited:
                        Follow(awaited.Operation, facts, substitution, isKernel);
                        return;
                    case IConditionalOperation conditional:
                        Follow(conditional.WhenTrue, facts, substitution, isKernel);
                        Follow(conditional.WhenFalse, facts, substitution, isKernel);
                        return;
                    case ICoalesceOperation coalesce:
                        Follow(coalesce.Value, facts, substitution, isKernel);
                        Follow(coalesce.WhenNull, facts, substitution, isKernel);
                        return;
                    case var unwrapped when isKernel:
                        KernelCore(unwrapped, facts, substitution);
                        return;
                    case var unwrapped:
                        ValuesCore(unwrapped, facts, substitution);
                        return;
                }
            }
            finally
            {
                _depth--;
            }
        }

        private void ValuesCore(IOperation value, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution)
        {
            switch (value)
            {
                case ISpreadOperation spread:
                    Values(spread.Operand, facts, substitution);
                    return;
                case ICollectionExpressionOperation collection:
                    foreach (var element in collection.Elements)
                    {
                        Values(element, facts, substitution);
                    }

                    return;
                case IArrayCreationOperation array:
                    Values(array.Initializer, facts, substitution);
                    return;
                case IArrayInitializerOperation initializer:
                    foreach (var element in initializer.ElementValues)
                    {
                        Values(element, facts, substitution);
                    }

                    return;
                case IObjectCreationOperation creation:
                    Created(creation, facts, substitution);
                    return;
                case IInvocationOperation invocation:
                    Made(invocation, facts, substitution);
                    return;
                case ILocalReferenceOperation local:
                    if (_visited.Add(local.Local))
                    {
                        // Its initializer, assignments, and what was added to it (list.Add(tool): MemberFacts records it as a write).
                        foreach (var write in facts.Writes)
                        {
                            if (SymbolEqualityComparer.Default.Equals(write.Target, local.Local) && !write.IsOutArgument)
                            {
                                Values(write.Value, facts, substitution);
                            }
                        }
                    }

                    return;
                case IParameterReferenceOperation parameter:
                    _tools.Untraceable("the tools are the parameter '" + parameter.Parameter.Name + "'");
                    return;
                case IPropertyReferenceOperation { Property.Name: "Plugins" } plugins when KernelTypes.IsPluginHolder(plugins.Instance?.Type):
                    Kernel(plugins.Instance!, facts, substitution);
                    return;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when KernelTypes.IsPluginCollectionOrPlugin(indexer.Instance?.Type):
                    // plugins["Weather"]["GetForecast"]: a function of the plugins (all of them are followed: a superset).
                    Values(indexer.Instance, facts, substitution);
                    return;
                case IFieldReferenceOperation or IPropertyReferenceOperation:
                    Stored(((IMemberReferenceOperation)value).Member, substitution, "the tools are read from '");
                    return;
                default:
                    _tools.Untraceable("tools the analysis cannot follow ('" + Shorten(value) + "')");
                    return;
            }
        }

        /// <summary>A field or property: every value its type stores in it.</summary>
        private void Stored(ISymbol member, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution, string untracedPrefix)
        {
            if (member.DeclaringSyntaxReferences.IsEmpty)
            {
                _tools.Untraceable(untracedPrefix + member.ContainingType?.Name + "." + member.Name + "'");
                return;
            }

            if (!_visited.Add(member.OriginalDefinition))
            {
                return;
            }

            var writes = _writes.Of(member);
            if (writes.IsEmpty)
            {
                _tools.Untraceable(untracedPrefix + member.Name + "', which its type never sets");
            }

            foreach (var written in writes)
            {
                Values(written, FactsOf(written), substitution);
            }
        }

        private void Created(IObjectCreationOperation creation, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution)
        {
            var type = creation.Type as INamedTypeSymbol;
            if (KernelTypes.IsToolType(type))
            {
                // A custom AIFunction or KernelFunction: the tool runs its InvokeCoreAsync.
                foreach (var member in type!.GetMembers("InvokeCoreAsync"))
                {
                    if (member is IMethodSymbol { IsOverride: true } invoke && !invoke.DeclaringSyntaxReferences.IsEmpty)
                    {
                        _tools.Add(ExposedTool.OfMethod(type.Name, invoke));
                        return;
                    }
                }

                // A library wrapper (ApprovalRequiredAIFunction(inner), a DelegatingAIFunction): the tool it wraps.
                var wraps = false;
                foreach (var argument in creation.Arguments)
                {
                    if (KernelTypes.IsToolType(argument.Parameter?.Type as INamedTypeSymbol))
                    {
                        wraps = true;
                        Values(argument.Value, facts, substitution);
                    }
                }

                if (!wraps)
                {
                    _tools.Untraceable("the tool '" + type.Name + "', whose code the analysis cannot see");
                }

                return;
            }

            if (type?.Name == "ChatClientAgent")
            {
                Values(ToolInvocation.ArgumentValue(creation.Arguments, "tools"), facts, substitution);
                return;
            }

            // new List<AITool>(tools) { a, b }, new KernelPluginCollection(plugins): what it is made from and filled with.
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Value.Type?.SpecialType != SpecialType.System_String && !TextFreeTypes.CannotCarryText(argument.Value.Type))
                {
                    Values(argument.Value, facts, substitution);
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var element in initializer.Initializers)
                {
                    if (element is IInvocationOperation add)
                    {
                        foreach (var argument in add.Arguments)
                        {
                            Values(argument.Value, facts, substitution);
                        }
                    }
                }
            }
        }

        private void Made(IInvocationOperation invocation, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution)
        {
            var method = invocation.TargetMethod;
            var receiver = OperationScope.GetInvocationTarget(invocation);
            if (KernelTypes.IsToolFactory(method))
            {
                FromDelegate(invocation, facts);
                return;
            }

            if (KernelTypes.IsPromptFunctionFactory(method))
            {
                _tools.Add(ExposedTool.OfPromptFunction(ConstantArgument(invocation, "functionName", "name") ?? "a prompt function"));
                return;
            }

            if (KernelTypes.IsPluginFactory(method))
            {
                Register(invocation, facts, substitution);
                return;
            }

            if (method.Name == "ListToolsAsync" && KernelTypes.IsModelContextProtocol(method.ContainingType))
            {
                _tools.Add(ExposedTool.OfRemote("the MCP server's tools", UntrustedSource.Of(UntrustedSourceKind.ToolResult, "an MCP tool result")));
                return;
            }

            if (!method.DeclaringSyntaxReferences.IsEmpty)
            {
                foreach (var (returned, bodyFacts) in Returned(method))
                {
                    Values(returned, bodyFacts, Compose(invocation.TargetMethod, substitution));
                }

                return;
            }

            if (method.Name is "AsAIAgent" or "CreateAIAgent" or "AsAgent")
            {
                // An agent used as a tool (agent.AsAIFunction()): its answer carries what its own tools bring.
                Values(ToolInvocation.ArgumentValue(invocation.Arguments, "tools"), facts, substitution);
                return;
            }

            if (KernelTypes.IsToolConversion(method) || KernelTypes.IsModelContextProtocol(method.ContainingType) || KernelTypes.IsPluginCollectionOrPlugin(receiver?.Type))
            {
                // tool.AsKernelFunction(), function.AsAIFunction(kernel), plugin.GetFunction(...), kernel.Plugins.GetFunction(...): the tools they are made from.
                Values(receiver, facts, substitution);
                return;
            }

            if (method.ContainingNamespace?.ToDisplayString() == "System.Linq")
            {
                // tools.Concat(more).ToList(), tools.Where(...): the sequences, not the lambdas.
                foreach (var argument in invocation.Arguments)
                {
                    if (OperationScope.Unwrap(argument.Value) is not (IDelegateCreationOperation or IAnonymousFunctionOperation))
                    {
                        Values(argument.Value, facts, substitution);
                    }
                }

                return;
            }

            _tools.Untraceable("tools made by '" + method.ContainingType?.Name + "." + method.Name + "'");
        }

        /// <summary>AIFunctionFactory.Create(method or lambda), CreateFunctionFromMethod(...), KernelFunctionFactory.CreateFromMethod(...).</summary>
        private void FromDelegate(IInvocationOperation factory, MemberFacts facts)
        {
            var name = ConstantArgument(factory, "functionName", "name");
            foreach (var argument in factory.Arguments)
            {
                if (argument.Parameter?.Type is not { } type)
                {
                    continue;
                }

                if (type.TypeKind == TypeKind.Delegate || (type.Name == "Delegate" && type.ContainingNamespace?.ToDisplayString() == "System"))
                {
                    Delegate(argument.Value, name, facts, 0);
                    return;
                }

                if (type.Name == "MethodInfo")
                {
                    _tools.Untraceable("a tool made from a MethodInfo");
                    return;
                }
            }

            _tools.Untraceable("a tool made by '" + factory.TargetMethod.Name + "'");
        }

        private void Delegate(IOperation value, string? name, MemberFacts facts, int depth)
        {
            switch (OperationScope.Unwrap(value))
            {
                case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                    _tools.Add(ExposedTool.OfMethod(name ?? reference.Method.Name, reference.Method));
                    return;
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                    _tools.Add(ExposedTool.OfLambda(name ?? string.Empty, lambda, facts));
                    return;
                case IAnonymousFunctionOperation lambda:
                    _tools.Add(ExposedTool.OfLambda(name ?? string.Empty, lambda, facts));
                    return;
                case IDelegateCreationOperation { Target: var target } when depth < 2:
                    Delegate(target, name, facts, depth + 1);
                    return;
                case ILocalReferenceOperation local when depth < 2:
                    foreach (var write in facts.Writes)
                    {
                        if (SymbolEqualityComparer.Default.Equals(write.Target, local.Local))
                        {
                            Delegate(write.Value, name ?? local.Local.Name, facts, depth + 1);
                        }
                    }

                    return;
                default:
                    _tools.Untraceable("a tool made from '" + Shorten(value) + "'");
                    return;
            }
        }

        private static string? ConstantArgument(IInvocationOperation invocation, string parameter, string alternative)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is { } name && (name == parameter || name == alternative) && argument.Value.ConstantValue is { HasValue: true, Value: string text })
                {
                    return text;
                }
            }

            return null;
        }

        /// <summary>What a method of the compilation returns, each value with the facts of its body.</summary>
        private IEnumerable<(IOperation Value, MemberFacts Facts)> Returned(IMethodSymbol method)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            if (!_visited.Add(definition))
            {
                yield break;
            }

            foreach (var reference in definition.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                var body = _models.Get(syntax.SyntaxTree).GetOperation(syntax);
                if (body is null)
                {
                    continue;
                }

                var facts = FactsOf(body);
                if (body is ILocalFunctionOperation local)
                {
                    body = (IOperation?)local.Body ?? local.IgnoredBody;
                }

                foreach (var operation in body?.DescendantsAndSelf() ?? System.Linq.Enumerable.Empty<IOperation>())
                {
                    if (operation is IReturnOperation { ReturnedValue: { } returned } && IsOwnReturn(operation, body!))
                    {
                        yield return (returned, facts);
                    }
                }
            }
        }

        /// <summary>Whether a return belongs to <paramref name="body"/> and not to a lambda or local function inside it.</summary>
        private static bool IsOwnReturn(IOperation returned, IOperation body)
        {
            for (var parent = returned.Parent; parent is not null && parent != body; parent = parent.Parent)
            {
                if (parent.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The type arguments a call of a generic method gives its type parameters, in terms of the caller's.</summary>
        private static ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> Compose(IMethodSymbol called, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> outer)
        {
            var definition = (called.ReducedFrom ?? called).OriginalDefinition;
            var result = outer;
            for (var index = 0; index < definition.TypeParameters.Length && index < called.TypeArguments.Length; index++)
            {
                result = result.SetItem(definition.TypeParameters[index], Substitute(called.TypeArguments[index], outer));
            }

            return result;
        }

        private static ITypeSymbol Substitute(ITypeSymbol type, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution) =>
            type is ITypeParameterSymbol parameter && substitution.TryGetValue(parameter, out var argument) ? argument : type;

        private MemberFacts FactsOf(IOperation operation)
        {
            var root = OperationScope.GetMemberRoot(operation);
            if (!_facts.TryGetValue(root, out var facts))
            {
                _facts[root] = facts = MemberFacts.Gather(root);
            }

            return facts;
        }

        private static string Shorten(IOperation value)
        {
            var text = System.Text.RegularExpressions.Regex.Replace(value.Syntax.ToString(), @"\s+", " ");
            return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
        }
    }
}
