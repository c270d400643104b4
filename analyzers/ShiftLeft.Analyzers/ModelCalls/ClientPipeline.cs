using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Consumption;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>What a model call is made through: each kind has its own layers and its own DI registrations.</summary>
    internal enum PipelineKind
    {
        /// <summary>A Microsoft.Extensions.AI IChatClient / IEmbeddingGenerator, with its ChatClientBuilder layers.</summary>
        ChatClient,

        /// <summary>A Semantic Kernel kernel: its services (logging) and its filters.</summary>
        Kernel,

        /// <summary>A Semantic Kernel chat or text service called directly: the kernel's logging applies, its filters do not.</summary>
        KernelService,

        /// <summary>An Agent Framework agent: its AIAgentBuilder layers and the chat client it runs on.</summary>
        Agent,
    }

    /// <summary>What the visible creation of a client, kernel or agent says about its pipeline.</summary>
    internal readonly struct PipelineFacts
    {
        private readonly bool _mayRunInProcess;
        private readonly ImmutableArray<ITypeSymbol?> _outside;
        private readonly InProcessModels? _inProcessModels;

        public PipelineFacts(PipelineKind kind, bool hasVisibleCreation, bool isInjected, bool hasLogging, bool hasGuardrail, bool hasRedactor, bool boundsOutput,
            bool mayRunInProcess = false, ImmutableArray<ITypeSymbol?> outside = default, InProcessModels? inProcessModels = null)
        {
            _mayRunInProcess = mayRunInProcess;
            _outside = outside.IsDefault ? ImmutableArray<ITypeSymbol?>.Empty : outside;
            _inProcessModels = inProcessModels;
            Kind = kind;
            HasVisibleCreation = hasVisibleCreation;
            IsInjected = isInjected;
            HasLogging = hasLogging;
            HasGuardrail = hasGuardrail;
            HasRedactor = hasRedactor;
            BoundsOutput = boundsOutput;
        }

        public PipelineKind Kind { get; }

        /// <summary>The client is created in the same method or type (builder chain, adapter, constructor).</summary>
        public bool HasVisibleCreation { get; }

        /// <summary>The client comes from outside: a parameter, DI, or a field/property with no visible creation.</summary>
        public bool IsInjected { get; }

        public bool HasLogging { get; }
        public bool HasGuardrail { get; }

        /// <summary>
        /// A layer is configured as a redactor (<c>shiftleft.redaction_methods</c> or <c>[Redactor]</c> on a filter or
        /// middleware type, its request method, or a middleware delegate given to <c>Use</c>).
        /// </summary>
        public bool HasRedactor { get; }

        /// <summary>
        /// A layer limits the output (SL0010): <c>ConfigureOptions</c> or middleware setting <c>MaxOutputTokens</c>, agent options
        /// with a limit, or a client whose SDK always sends one (Anthropic's <c>AsIChatClient</c>, 1024 tokens unless told otherwise).
        /// </summary>
        public bool BoundsOutput { get; }

        /// <summary>
        /// The model runs in the application's process (<see cref="InProcessModels"/>): no remote client is met in the
        /// client's construction, and either an in-process runtime is and nothing comes from outside, or whatever comes
        /// from outside (DI, a parameter) is registered in-process by the compilation. The registrations are read only
        /// when this is asked (an embedding call, a prompt carrying personal data, a plugin import).
        /// </summary>
        public bool RunsInProcess
        {
            get
            {
                if (!_mayRunInProcess)
                {
                    return false;
                }

                foreach (var type in _outside)
                {
                    if (_inProcessModels is null || !_inProcessModels.IsRegisteredInProcess(type))
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }

    /// <summary>
    /// Follows what a model call is made through (a Microsoft.Extensions.AI client, a Semantic Kernel kernel, an agent)
    /// back to its creation (locals in the same member, fields and properties initialised or assigned in a constructor
    /// of the same type, same file) and reads every layer: UseLogging / UseOpenTelemetry and the logging client and agent
    /// types, AddLogging on a kernel's services, Semantic Kernel filters registered on the kernel or its services,
    /// middleware given to ChatClientBuilder.Use / AIAgentBuilder.Use, the compilation's own DelegatingChatClient and
    /// DelegatingAIAgent subclasses, guardrail builder methods and guardrail middleware types. An agent is followed into
    /// the chat client it runs on, a chat service into the kernel it was resolved from.
    /// </summary>
    internal sealed class ClientPipeline
    {
        // Deep enough for a chat service resolved from a kernel built from a builder whose services are configured.
        private const int MaxDepth = 6;
        private const string ExtensionsAiNamespace = "Microsoft.Extensions.AI";

        private const string AgentsNamespace = "Microsoft.Agents.AI";

        private readonly ShiftLeftCompilation _shiftLeft;
        private readonly MiddlewareBehaviour _layers;
        private readonly MemberFacts _facts;
        private readonly SemanticModel? _semanticModel;
        private readonly PipelineKind _kind;
        private readonly HashSet<ISymbol> _visited;
        private bool _visible;
        private bool _injected;
        private bool _logging;
        private bool _guardrail;
        private bool _redactor;
        private bool _boundsOutput;
        private bool _inProcess;
        private bool _remote;

        // What the pipeline gets from outside, by declared type (a parameter, a service resolved from DI, a member with no
        // visible write); a null entry is a value whose origin is unknown. Asked only whether the model runs in-process.
        private readonly List<ITypeSymbol?> _outside = new();

        private ClientPipeline(ShiftLeftCompilation shiftLeft, MiddlewareBehaviour layers, MemberFacts facts, SemanticModel? semanticModel, PipelineKind kind, HashSet<ISymbol>? visited = null)
        {
            _shiftLeft = shiftLeft;
            _layers = layers;
            _facts = facts;
            _semanticModel = semanticModel;
            _kind = kind;
            _visited = visited ?? new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        }

        /// <summary>What to follow for a model call, and through which kind of pipeline it goes; null when it has none.</summary>
        public static (IOperation Operand, PipelineKind Kind)? OperandOf(ShiftLeftCompilation shiftLeft, in ModelCall call)
        {
            if (call.Receiver is not { } receiver)
            {
                return null;
            }

            var symbols = shiftLeft.Symbols;
            var type = OperationScope.Unwrap(receiver).Type ?? receiver.Type;
            if (IsPipelineClientType(shiftLeft, type))
            {
                return (receiver, PipelineKind.ChatClient);
            }

            if (TypeRelations.DerivesFrom(type, symbols.AIAgent))
            {
                return (receiver, PipelineKind.Agent);
            }

            if (TypeRelations.DerivesFrom(type, symbols.Kernel))
            {
                return (receiver, PipelineKind.Kernel);
            }

            if (TypeRelations.DerivesFrom(type, symbols.KernelFunction))
            {
                // function.InvokeAsync(kernel, …): the kernel argument runs it.
                foreach (var argument in call.Invocation.Arguments)
                {
                    if (argument.Parameter?.Name == "kernel" && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        return (argument.Value, PipelineKind.Kernel);
                    }
                }

                return null;
            }

            // Semantic Kernel's AI services, embedding generators included, get the logging of the kernel they come from.
            return TypeRelations.Implements(type, symbols.IChatCompletionService) || TypeRelations.Implements(type, symbols.ITextGenerationService)
                || TypeRelations.Implements(type, symbols.SemanticKernelEmbeddingService)
                ? (receiver, PipelineKind.KernelService)
                : null;
        }

        /// <summary>True when the receiver is a Microsoft.Extensions.AI client (the only kind with a builder pipeline).</summary>
        public static bool IsPipelineClient(ShiftLeftCompilation shiftLeft, IOperation? receiver)
        {
            var type = receiver is null ? null : OperationScope.Unwrap(receiver).Type ?? receiver.Type;
            return IsPipelineClientType(shiftLeft, type);
        }

        public static bool IsPipelineClientType(ShiftLeftCompilation shiftLeft, ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            var chatClient = shiftLeft.Symbols.IChatClient;
            var embeddingGenerator = shiftLeft.Symbols.IEmbeddingGenerator;
            if (IsEither(type.OriginalDefinition, chatClient, embeddingGenerator))
            {
                return true;
            }

            // Listing a type's interfaces builds a new array: asked once, for both candidates.
            foreach (var implemented in type.AllInterfaces)
            {
                if (IsEither(implemented.OriginalDefinition, chatClient, embeddingGenerator))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEither(ITypeSymbol type, INamedTypeSymbol? first, INamedTypeSymbol? second) =>
            (first is not null && SymbolEqualityComparer.Default.Equals(type, first))
            || (second is not null && SymbolEqualityComparer.Default.Equals(type, second));

        public static PipelineFacts Analyze(ShiftLeftCompilation shiftLeft, MiddlewareBehaviour layers, MemberFacts facts, IOperation operand, PipelineKind kind)
        {
            var pipeline = new ClientPipeline(shiftLeft, layers, facts, operand.SemanticModel, kind);
            pipeline.Follow(operand, 0);
            return pipeline.Facts();
        }

        /// <summary>
        /// A kernel or builder a plugin is imported into (<see cref="PluginKernels"/>), as <see cref="Analyze"/> reads it;
        /// when it is kept in a field or property of the importing type, also the calls made on it in every member of that
        /// type that names it (<c>this.builder.Services.AddLogging()</c> in an Initialize method, the import in AddPlugin&lt;T&gt;):
        /// they configure the one builder the kernel running the plugin is built from.
        /// </summary>
        public static PipelineFacts AnalyzeImportTarget(ShiftLeftCompilation shiftLeft, MiddlewareBehaviour layers, MemberFacts facts, IOperation holder, PipelineKind kind)
        {
            var pipeline = new ClientPipeline(shiftLeft, layers, facts, holder.SemanticModel, kind);
            pipeline.Follow(holder, 0);
            var stored = OperationScope.Unwrap(holder) switch
            {
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => (ISymbol)field.Field,
                IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property => property.Property,
                _ => null,
            };
            if (stored is { ContainingType: { } type } && holder.SemanticModel is not null)
            {
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
#pragma warning disable RS1030 // The members of the one type that keeps the kernel a plugin runs on: read only for that question.
                    var model = shiftLeft.Compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
                    foreach (var member in reference.GetSyntax().ChildNodes())
                    {
                        if (member is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax && member.ToString().IndexOf(stored.Name, StringComparison.Ordinal) >= 0
                            && model.GetOperation(member) is { } body)
                        {
                            var reader = new ClientPipeline(shiftLeft, layers, MemberFacts.Gather(body), model, kind, pipeline._visited);
                            reader.ReadCallsOn(stored);
                            pipeline.Absorb(reader);
                        }
                    }
                }
            }

            return pipeline.Facts();
        }

        /// <summary>The pipeline a Semantic Kernel plugin is imported into: the kernel or builder the import is called on.</summary>
        public static PipelineFacts? OfPluginImport(ShiftLeftCompilation shiftLeft, IInvocationOperation import)
        {
            if (ReceiverRoot(import) is not { } root)
            {
                return null;
            }

            var pipeline = new ClientPipeline(shiftLeft, shiftLeft.Layers, MemberFacts.Gather(OperationScope.GetMemberRoot(import)), import.SemanticModel, PipelineKind.Kernel);
            pipeline.Follow(root, 0);
            return pipeline.Facts();
        }

        private PipelineFacts Facts()
        {
            var mayRunInProcess = MayRunInProcess;
            return new PipelineFacts(_kind, _visible, _injected || !_visible, _logging, _guardrail, _redactor, _boundsOutput,
                mayRunInProcess, mayRunInProcess ? _outside.ToImmutableArray() : default, _shiftLeft.InProcess);
        }

        /// <summary>No remote client met, and an in-process runtime or parts from outside to ask the registrations about.</summary>
        private bool MayRunInProcess => !_remote && (_inProcess || _outside.Count > 0);

        /// <summary>A part of the pipeline comes from outside the code read here.</summary>
        private void Outside(ITypeSymbol? type)
        {
            _injected = true;
            _outside.Add(type);
        }

        /// <summary>What a type met in the construction says about where the model runs.</summary>
        private void NoteRuntime(ITypeSymbol? type) => Note(_shiftLeft.InProcess.Of(type));

        private void Note(ModelRuntime runtime)
        {
            switch (runtime)
            {
                case ModelRuntime.InProcess:
                    _inProcess = true;
                    break;
                case ModelRuntime.Remote:
                    _remote = true;
                    break;
            }
        }

        private void Follow(IOperation operation, int depth)
        {
            var value = OperationScope.Unwrap(operation);
            ReadType(value.Type);
            switch (value)
            {
                case IParameterReferenceOperation parameter:
                    _injected = true;
                    if (!FollowPrivateConstruction(parameter.Parameter, depth))
                    {
                        Outside(parameter.Type);
                    }

                    ReadCallsOn(parameter.Parameter);
                    return;
                case ILocalReferenceOperation local:
                    FollowSymbol(local.Local, depth);
                    return;
                case IFieldReferenceOperation field:
                    FollowMember(field.Field, depth);
                    return;
                case IPropertyReferenceOperation property:
                    FollowMember(property.Property, depth);
                    return;
                case IInvocationOperation invocation when IsServiceResolution(invocation.TargetMethod):
                    // kernel.GetRequiredService<IChatCompletionService>(): the service the kernel was built with.
                    if (ReceiverRoot(invocation) is { } owner && TypeRelations.DerivesFrom(owner.Type, _shiftLeft.Symbols.Kernel))
                    {
                        Follow(owner, depth + 1);
                    }
                    else
                    {
                        Outside(invocation.Type);
                    }

                    return;
                case IInvocationOperation or IObjectCreationOperation:
                    _visible = true;
                    ScanCreation(value, depth);
                    return;
                default:
                    Outside(null);
                    return;
            }
        }

        private void FollowSymbol(ISymbol symbol, int depth)
        {
            if (depth >= MaxDepth || !_visited.Add(symbol))
            {
                return;
            }

            var found = false;
            foreach (var write in _facts.Writes)
            {
                if (SymbolEqualityComparer.Default.Equals(write.Target, symbol))
                {
                    found = true;
                    if (write.Value.Parent is IArgumentOperation)
                    {
                        // A mutating call on the client or builder (builder.UseLogging() as a statement).
                        ScanCreation(write.Value.Parent.Parent!, depth + 1);
                    }
                    else
                    {
                        Follow(write.Value, depth + 1);
                    }
                }
            }

            ReadCallsOn(symbol);

            if (!found)
            {
                Outside(null);
            }
        }

        /// <summary>
        /// Calls in the member on the symbol or on what it holds: builder.UseLogging(), builder.Services.AddLogging(),
        /// kernel.PromptRenderFilters.Add(new Guard()).
        /// </summary>
        private void ReadCallsOn(ISymbol symbol)
        {
            foreach (var invocation in _facts.Invocations)
            {
                if (ReceiverRoot(invocation) is { } root
                    && OperationScope.TryGetTrackedSymbol(root, out var receiverSymbol)
                    && SymbolEqualityComparer.Default.Equals(receiverSymbol, symbol))
                {
                    ReadInvocation(invocation);
                    foreach (var argument in invocation.Arguments)
                    {
                        ReadArgument(argument.Value);
                    }
                }
            }
        }

        private void FollowMember(ISymbol member, int depth)
        {
            // Operations handed in without a semantic model (a control-flow graph's) are not followed into members.
            if (depth >= MaxDepth || !_visited.Add(member) || _semanticModel is null)
            {
                if (depth >= MaxDepth)
                {
                    Outside(null);
                }

                return;
            }

            // Calls on the field here (this.builder.Services.AddLogging() before this.kernel = this.builder.Build()), then
            // every value the type stores in it — its initializer, the constructor, a method that sets it up
            // (InitializeAsync: _kernel = builder.Build()) — read with the facts of the member that writes it, whose locals
            // (the builder) and calls on the field are that member's own.
            ReadCallsOn(member);
            var found = false;
            foreach (var value in _shiftLeft.MemberWrites.Of(member))
            {
                found = true;
                var writer = new ClientPipeline(_shiftLeft, _layers, MemberFacts.Gather(OperationScope.GetMemberRoot(value)), value.SemanticModel, _kind, _visited);
                writer.Follow(value, depth + 1);
                writer.ReadCallsOn(member);
                Absorb(writer);
            }

            if (!found)
            {
                Outside(member switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                });
            }
        }

        /// <summary>
        /// Where the model runs, for a constructor parameter of a private nested type (a tool class given the outer class's
        /// embedder: new AssistantTools(embedder, manual)): the argument of every creation of the type, all of which are
        /// written in its containing type. Only the runtime is taken from them: logging and guards stay the injected
        /// client's question, answered as before. False when the type may be made another way (named as a type argument
        /// or in typeof, for DI) or no creation is found.
        /// </summary>
        private bool FollowPrivateConstruction(IParameterSymbol parameter, int depth)
        {
            if (depth >= MaxDepth
                || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: { DeclaredAccessibility: Accessibility.Private, ContainingType: { } outer } type })
            {
                return false;
            }

            var created = false;
            foreach (var reference in outer.DeclaringSyntaxReferences)
            {
                SemanticModel? model = null;
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    switch (node)
                    {
                        case TypeArgumentListSyntax or TypeOfExpressionSyntax when node.DescendantNodes().OfType<SimpleNameSyntax>().Any(name => name.Identifier.ValueText == type.Name):
                            return false;
                        case BaseObjectCreationExpressionSyntax creation:
                            model ??= _shiftLeft.Compilation.GetSemanticModel(reference.SyntaxTree);
                            if (model.GetOperation(creation) is not IObjectCreationOperation { Constructor: { } constructor } operation
                                || !SymbolEqualityComparer.Default.Equals(constructor.ContainingType.OriginalDefinition, type.OriginalDefinition))
                            {
                                continue;
                            }

                            if (!SymbolEqualityComparer.Default.Equals(constructor.OriginalDefinition, parameter.ContainingSymbol.OriginalDefinition))
                            {
                                return false;
                            }

                            foreach (var argument in operation.Arguments)
                            {
                                if (argument.Parameter?.Ordinal == parameter.Ordinal)
                                {
                                    var creator = new ClientPipeline(_shiftLeft, _layers, MemberFacts.Gather(OperationScope.GetMemberRoot(operation)), operation.SemanticModel, _kind, _visited);
                                    creator.Follow(argument.Value, depth + 1);
                                    _inProcess |= creator._inProcess;
                                    _remote |= creator._remote;
                                    _outside.AddRange(creator._outside);
                                    created = true;
                                }
                            }

                            break;
                    }
                }
            }

            return created;
        }

        /// <summary>What a pipeline read in another member found: the layers are the same client's.</summary>
        private void Absorb(ClientPipeline other)
        {
            _visible |= other._visible;
            _injected |= other._injected;
            _logging |= other._logging;
            _guardrail |= other._guardrail;
            _redactor |= other._redactor;
            _boundsOutput |= other._boundsOutput;
            _inProcess |= other._inProcess;
            _remote |= other._remote;
            _outside.AddRange(other._outside);
        }

        private void ScanCreation(IOperation creation, int depth)
        {
            foreach (var descendant in creation.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case IInvocationOperation invocation:
                        ReadInvocation(invocation);

                        // A layer resolved from DI (new ChatClientBuilder(sp.GetRequiredService<IChatClient>())): its
                        // registration may add logging or a guard.
                        if (IsServiceResolution(invocation.TargetMethod) && invocation.Type is { } resolved && IsClientOrBuilder(resolved))
                        {
                            Outside(resolved);
                        }

                        break;
                    case IObjectCreationOperation objectCreation:
                        ReadType(objectCreation.Type);
                        break;
                    case IAssignmentOperation assignment when assignment.Kind is OperationKind.SimpleAssignment or OperationKind.CoalesceAssignment && OutputLimits.IsLimitAssignment(assignment):
                        // new ChatClientAgentOptions { ChatOptions = new() { MaxOutputTokens = 500 } }, ConfigureOptions(o => o.MaxOutputTokens = 500)
                        _boundsOutput = true;
                        break;
                    case ILocalReferenceOperation local when depth < MaxDepth:
                        // A value handed to a layer (a logger factory, an endpoint read from the environment) is read for
                        // what it adds; only a client or builder from elsewhere makes the pipeline one built elsewhere.
                        NoteRuntime(local.Type);
                        var injected = _injected;
                        var outside = _outside.Count;
                        FollowSymbol(local.Local, depth + 1);
                        if (local.Type is null || !IsClientOrBuilder(local.Type))
                        {
                            _injected = injected;
                            _outside.RemoveRange(outside, _outside.Count - outside);
                        }

                        break;
                    case IFieldReferenceOperation field when depth < MaxDepth && field.Type is not null && IsClientOrBuilder(field.Type):
                        FollowMember(field.Field, depth + 1);
                        break;
                    case IParameterReferenceOperation parameter when parameter.Type is not null && IsClientOrBuilder(parameter.Type)
                        && parameter.Parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction }:
                        // A layer handed in (new ChatClientAgent(chatClient), new ChatClientBuilder(inner)): its own
                        // registration may add logging or a guard. A middleware lambda's own parameter (the inner agent or
                        // client it forwards to) is the rest of this pipeline, not a layer from elsewhere.
                        Outside(parameter.Type);
                        break;
                    case IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation:
                        // The runtime a client is made over (new LLamaSharpChatCompletion(_executor), executor.AsChatClient()).
                        NoteRuntime(descendant.Type);
                        break;
                }
            }
        }

        /// <summary>The innermost receiver of a call chain: <c>kernel</c> in <c>kernel.Services.GetRequiredService&lt;T&gt;()</c>.</summary>
        private static IOperation? ReceiverRoot(IInvocationOperation invocation)
        {
            var current = OperationScope.GetInvocationTarget(invocation);
            while (current is not null)
            {
                current = OperationScope.Unwrap(current);
                switch (current)
                {
                    case IPropertyReferenceOperation { Instance: { } instance } property when !OperationScope.TryGetTrackedSymbol(property, out _):
                        current = instance;
                        break;
                    case IFieldReferenceOperation { Instance: { } instance } field when !OperationScope.TryGetTrackedSymbol(field, out _):
                        current = instance;
                        break;
                    default:
                        return current;
                }
            }

            return null;
        }

        private void ReadInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            NoteRuntime(invocation.Type);
            Note(_shiftLeft.InProcess.OfRegistration(method));

            if (IsLoggingBuilderMethod(method) || (_kind is PipelineKind.Kernel or PipelineKind.KernelService && IsLoggingRegistration(method)))
            {
                _logging = true;
            }

            if (_shiftLeft.Guardrails.IsGuardrailMethod(method))
            {
                _guardrail = true;
            }

            ReadOutputLimit(invocation);

            // A registration names its layer by type argument: Services.AddSingleton<IPromptRenderFilter, PiiFilter>().
            foreach (var typeArgument in method.TypeArguments)
            {
                ReadType(typeArgument);
            }

            // Middleware handed to ChatClientBuilder.Use / AIAgentBuilder.Use as a delegate.
            if (method.Name == "Use" && method.ContainingNamespace?.ToDisplayString() is ExtensionsAiNamespace or AgentsNamespace)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value.Type?.TypeKind != TypeKind.Delegate)
                    {
                        continue;
                    }

                    if (_layers.OfDelegate(argument.Value) is { } behaviour)
                    {
                        Read(behaviour);
                    }

                    // Agent or chat-client middleware whose method (or lambda) is declared a redactor.
                    _redactor |= MiddlewareBehaviour.DelegateMethod(argument.Value) is { } middleware && IsConfiguredRedactor(middleware);
                }
            }
        }

        private void ReadOutputLimit(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "ConfigureOptions" when method.ContainingNamespace?.ToDisplayString() == ExtensionsAiNamespace:
                    _boundsOutput |= OutputLimits.SetsLimitWithin(invocation);
                    break;
                case "AsIChatClient" when method.ContainingType?.Name is "AnthropicClientExtensions" or "AnthropicBetaClientExtensions":
                    // Anthropic requires max_tokens: its chat client sends 1024 when neither the call nor defaultMaxOutputTokens says.
                    _boundsOutput = true;
                    break;
            }
        }

        /// <summary>A value handed to a registration: an object it creates (<c>new PiiFilter()</c>, also inside a factory lambda) or a variable's type.</summary>
        private void ReadArgument(IOperation value)
        {
            foreach (var descendant in value.DescendantsAndSelf())
            {
                if (descendant.Kind is OperationKind.ObjectCreation or OperationKind.LocalReference or OperationKind.ParameterReference or OperationKind.FieldReference)
                {
                    ReadType(descendant.Type);
                }
            }
        }

        private void Read(LayerBehaviour behaviour)
        {
            _logging |= behaviour.Logs;
            _guardrail |= behaviour.Guards;
        }

        /// <summary>AddLogging or a logger factory registered on the services a kernel is built from: its connectors log each call.</summary>
        private static bool IsLoggingRegistration(IMethodSymbol method) =>
            (method.Name == "AddLogging" && method.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection")
            || (method.Name.StartsWith("Add", StringComparison.Ordinal) && method.TypeArguments.Length > 0 && method.TypeArguments[0].Name == "ILoggerFactory");

        private void ReadType(ITypeSymbol? type)
        {
            if (type is null)
            {
                return;
            }

            if (IsLoggingClientType(type))
            {
                _logging = true;
            }

            NoteRuntime(type);
            if (type.TypeKind == TypeKind.Interface)
            {
                return;
            }

            if (_shiftLeft.Guardrails.IsGuardrailType(type))
            {
                _guardrail = true;
            }

            // A filter only acts on kernel function invocations, not on a chat service called directly.
            if (_kind == PipelineKind.KernelService && IsKernelFilter(type))
            {
                return;
            }

            if (_layers.OfType(type) is { } behaviour)
            {
                Read(behaviour);
                _redactor |= IsConfiguredRedactorLayer(type);
            }
        }

        private bool IsKernelFilter(ITypeSymbol type)
        {
            var symbols = _shiftLeft.Symbols;
            return TypeRelations.Implements(type, symbols.FunctionInvocationFilter) || TypeRelations.Implements(type, symbols.PromptRenderFilter) || TypeRelations.Implements(type, symbols.AutoFunctionInvocationFilter);
        }

        /// <summary>
        /// A layer (a filter, a DelegatingChatClient or DelegatingAIAgent subclass) declared a redactor: its type, or the
        /// method through which it sees the request, is marked <c>[Redactor]</c> or listed in <c>shiftleft.redaction_methods</c>.
        /// Never guessed from a name: a layer that rewrites the prompt without being declared one still guards only.
        /// </summary>
        private bool IsConfiguredRedactorLayer(ITypeSymbol type)
        {
            if (_shiftLeft.Options.RedactionMethods.MatchesType(type) || AttributeNames.HasOnSymbolOrContainingTypes(type, AttributeNames.Redactor))
            {
                return true;
            }

            foreach (var method in MiddlewareBehaviour.LayerMethodsOf(type))
            {
                if (IsConfiguredRedactor(method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A lambda is declared one by its own attribute only: the method or type it is written in is not the layer.</summary>
        private bool IsConfiguredRedactor(IMethodSymbol method) =>
            method.MethodKind == MethodKind.AnonymousFunction
                ? AttributeNames.Has(method, AttributeNames.Redactor)
                : _shiftLeft.Options.RedactionMethods.MatchesMethod(method) || AttributeNames.HasOnSymbolOrContainingTypes(method, AttributeNames.Redactor);

        private bool IsClientOrBuilder(ITypeSymbol type) =>
            type.Name is "ChatClientBuilder" or "EmbeddingGeneratorBuilder" or "AIAgentBuilder" or "IKernelBuilder"
            || IsPipelineClientType(_shiftLeft, type) || TypeRelations.DerivesFrom(type, _shiftLeft.Symbols.AIAgent) || TypeRelations.DerivesFrom(type, _shiftLeft.Symbols.Kernel);

        /// <summary>UseLogging / UseOpenTelemetry on any Microsoft.Extensions.AI or Agent Framework builder (WithOpenTelemetry on an agent).</summary>
        public static bool IsLoggingBuilderMethod(IMethodSymbol method) =>
            method.Name is "UseLogging" or "UseOpenTelemetry" or "WithOpenTelemetry"
            && method.ContainingNamespace?.ToDisplayString() is ExtensionsAiNamespace or AgentsNamespace;

        /// <summary>LoggingChatClient, OpenTelemetryChatClient, their embedding and agent counterparts, or types deriving from them.</summary>
        public static bool IsLoggingClientType(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name is "LoggingChatClient" or "OpenTelemetryChatClient" or "LoggingEmbeddingGenerator" or "OpenTelemetryEmbeddingGenerator" or "LoggingAgent" or "OpenTelemetryAgent"
                    && current.ContainingNamespace?.ToDisplayString() is ExtensionsAiNamespace or AgentsNamespace)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsServiceResolution(IMethodSymbol method) =>
            method.Name.StartsWith("GetRequired", StringComparison.Ordinal)
            || method.Name.StartsWith("GetService", StringComparison.Ordinal)
            || method.Name.StartsWith("GetKeyedService", StringComparison.Ordinal)
            || method.Name.StartsWith("GetRequiredKeyedService", StringComparison.Ordinal);
    }
}
