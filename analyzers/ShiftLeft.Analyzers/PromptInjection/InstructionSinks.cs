// Usage (one instance per compilation, made in the analyzer's compilation start):
//   var sinks = InstructionSinks.Create(shiftLeft);   // null when no SDK with a system role or instructions is referenced
//   if (sinks.TryGet(operation, out var sink)) ... sink.Value (what to follow), sink.What (how the message names it)
// Where a value becomes a model's system/developer instructions, as data: message constructors and factories whose
// role is the system (or developer) role, chat-history methods that add a system message, and the properties and
// arguments that set a model's or an agent's instructions. Every type is resolved here, once per compilation; the
// check per operation is a symbol comparison.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.PromptInjection
{
    /// <summary>How a sink can be made safe mechanically (the code fix reads it from the diagnostic).</summary>
    internal enum RoleFix
    {
        /// <summary>No mechanical fix: the instructions are a property or argument with no user-role counterpart.</summary>
        None,

        /// <summary>The message's role argument becomes the user role (ChatRole.User, AuthorRole.User).</summary>
        RoleArgument,

        /// <summary>The method becomes its user-role sibling (AddSystemMessage → AddUserMessage, CreateSystemMessage → CreateUserMessage).</summary>
        UserMethod,

        /// <summary>The created type becomes its user-role sibling (SystemChatMessage → UserChatMessage).</summary>
        UserType,

        /// <summary>new ChatHistory(systemMessage) becomes new ChatHistory(message, AuthorRole.User).</summary>
        HistoryUserRole,
    }

    /// <summary>One place a value enters the instructions: the operation reported, the value followed, and the words for it.</summary>
    internal readonly struct InstructionSink
    {
        public InstructionSink(IOperation reported, IOperation value, string what, RoleFix fix)
        {
            Reported = reported;
            Value = value;
            What = what;
            Fix = fix;
        }

        /// <summary>The expression that puts the value into the instructions (a constructor, a call, an assignment).</summary>
        public IOperation Reported { get; }

        /// <summary>The value that becomes instructions.</summary>
        public IOperation Value { get; }

        /// <summary>How a message names the sink ("the system message", "the agent's instructions").</summary>
        public string What { get; }

        public RoleFix Fix { get; }
    }

    internal sealed class InstructionSinks
    {
        private const string SystemMessage = "the system message";
        private const string DeveloperMessage = "the developer message";

        private readonly INamedTypeSymbol? _meaiChatMessage;
        private readonly INamedTypeSymbol? _meaiChatRole;
        private readonly INamedTypeSymbol? _openAiChatMessage;
        private readonly INamedTypeSymbol? _openAiSystemMessage;
        private readonly INamedTypeSymbol? _openAiDeveloperMessage;
        private readonly INamedTypeSymbol? _openAiResponseItem;
        private readonly INamedTypeSymbol? _skChatHistory;
        private readonly INamedTypeSymbol? _skChatMessageContent;
        private readonly INamedTypeSymbol? _skAuthorRole;
        private readonly INamedTypeSymbol? _chatClientAgent;

        // Property → how the message names it.
        private readonly Dictionary<IPropertySymbol, string> _properties = new(SymbolEqualityComparer.Default);

        // The Agent Framework's assemblies: a constructor or factory of theirs with an 'instructions' parameter sets an agent's instructions.
        private readonly ImmutableArray<IAssemblySymbol> _agentAssemblies;

        private InstructionSinks(ShiftLeftCompilation shiftLeft)
        {
            var types = shiftLeft.Types;
            _meaiChatMessage = types.Get("Microsoft.Extensions.AI.ChatMessage");
            _meaiChatRole = types.Get("Microsoft.Extensions.AI.ChatRole");
            _openAiChatMessage = types.Get("OpenAI.Chat.ChatMessage");
            _openAiSystemMessage = types.Get("OpenAI.Chat.SystemChatMessage");
            _openAiDeveloperMessage = types.Get("OpenAI.Chat.DeveloperChatMessage");
            _openAiResponseItem = types.Get("OpenAI.Responses.ResponseItem");
            _skChatHistory = types.Get("Microsoft.SemanticKernel.ChatCompletion.ChatHistory");
            _skChatMessageContent = types.Get("Microsoft.SemanticKernel.ChatMessageContent");
            _skAuthorRole = types.Get("Microsoft.SemanticKernel.ChatCompletion.AuthorRole");
            _chatClientAgent = shiftLeft.Symbols.ChatClientAgent;

            void Add(string type, string property, string what)
            {
                if (Property(types.Get(type), property) is { } symbol)
                {
                    _properties[symbol] = what;
                }
            }

            Add("Microsoft.Extensions.AI.ChatOptions", "Instructions", "the chat options' instructions (ChatOptions.Instructions)");
            Add("Microsoft.Agents.AI.AIContext", "Instructions", "the agent's instructions (AIContext.Instructions)");
            Add("Microsoft.SemanticKernel.Agents.Agent", "Instructions", "the agent's instructions");
            Add("Microsoft.SemanticKernel.Agents.AgentInvokeOptions", "AdditionalInstructions", "the agent's additional instructions");
            Add("OpenAI.Responses.CreateResponseOptions", "Instructions", "the response's instructions (CreateResponseOptions.Instructions)");
            Add("OpenAI.Assistants.AssistantCreationOptions", "Instructions", "the assistant's instructions");
            Add("OpenAI.Assistants.RunCreationOptions", "InstructionsOverride", "the run's instructions");
            Add("OpenAI.Assistants.RunCreationOptions", "AdditionalInstructions", "the run's additional instructions");
            Add("Anthropic.Models.Messages.MessageCreateParams", "System", "the system prompt (MessageCreateParams.System)");
            Add("Anthropic.Models.Beta.Messages.MessageCreateParams", "System", "the system prompt (MessageCreateParams.System)");
            Add("Anthropic.Models.Messages.Batches.Params", "System", "the system prompt of a batch request");
            Add("Anthropic.Models.Beta.Messages.Batches.Params", "System", "the system prompt of a batch request");
            Add("Anthropic.Models.Beta.Agents.AgentCreateParams", "System", "the agent's system prompt");
            Add("Anthropic.Models.Beta.Agents.AgentUpdateParams", "System", "the agent's system prompt");

            var agents = ImmutableArray.CreateBuilder<IAssemblySymbol>();
            foreach (var assembly in shiftLeft.Compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (assembly.Name.StartsWith("Microsoft.Agents.AI", StringComparison.Ordinal))
                {
                    agents.Add(assembly);
                }
            }

            _agentAssemblies = agents.ToImmutable();
        }

        /// <summary>The compilation's sinks, or null when it references no SDK that has any (the analyzer then registers nothing).</summary>
        public static InstructionSinks? Create(ShiftLeftCompilation shiftLeft)
        {
            var sinks = new InstructionSinks(shiftLeft);
            return sinks._meaiChatMessage is null && sinks._openAiChatMessage is null && sinks._skChatHistory is null && sinks._skChatMessageContent is null
                && sinks._properties.Count == 0 && sinks._agentAssemblies.IsEmpty
                ? null
                : sinks;
        }

        /// <summary>An object creation, invocation or property assignment that puts a non-constant value into the instructions.</summary>
        public bool TryGet(IOperation operation, out InstructionSink sink)
        {
            sink = default;
            switch (operation)
            {
                case IObjectCreationOperation creation when creation.Constructor is { } constructor:
                    return TryCreation(creation, constructor, out sink);
                case IInvocationOperation invocation:
                    return TryInvocation(invocation, out sink);
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                    when _properties.TryGetValue(target.Property.OriginalDefinition, out var what) && IsFollowable(assignment.Value):
                    sink = new InstructionSink(assignment, assignment.Value, what, RoleFix.None);
                    return true;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Contents" } content, Parent: IObjectOrCollectionInitializerOperation initializer } assignment
                    when Is(content.Property.ContainingType.OriginalDefinition, _meaiChatMessage) && IsFollowable(assignment.Value)
                    && RoleInInitializer(initializer) is { Length: > 0 } role:
                    // new ChatMessage { Role = ChatRole.System, Contents = [new TextContent(value)] } (Text is read-only)
                    sink = new InstructionSink(assignment, assignment.Value, role, RoleFix.None);
                    return true;
                default:
                    return false;
            }
        }

        private bool TryCreation(IObjectCreationOperation creation, IMethodSymbol constructor, out InstructionSink sink)
        {
            sink = default;
            var type = constructor.ContainingType.OriginalDefinition;
            if (Is(type, _meaiChatMessage) && RoleArgument(creation.Arguments, _meaiChatRole) is { } role && IsSystemRole(role))
            {
                return Content(creation, creation.Arguments, role, SystemMessage, RoleFix.RoleArgument, out sink);
            }

            if (Is(type, _skChatMessageContent) && RoleArgument(creation.Arguments, _skAuthorRole) is { } authorRole && IsSystemRole(authorRole))
            {
                return Content(creation, creation.Arguments, authorRole, RoleName(authorRole), RoleFix.RoleArgument, out sink);
            }

            if (Is(type, _openAiSystemMessage) || Is(type, _openAiDeveloperMessage))
            {
                return Content(creation, creation.Arguments, role: null, Is(type, _openAiSystemMessage) ? SystemMessage : DeveloperMessage, RoleFix.UserType, out sink);
            }

            if (Is(type, _skChatHistory))
            {
                // new ChatHistory(systemMessage) and new ChatHistory(message, AuthorRole.System): the first string is the system message.
                var historyRole = RoleArgument(creation.Arguments, _skAuthorRole);
                if (constructor.Parameters.Length > 0 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String
                    && (historyRole is null || IsSystemRole(historyRole)))
                {
                    return Content(creation, creation.Arguments, historyRole, "the chat history's system message", historyRole is null ? RoleFix.HistoryUserRole : RoleFix.RoleArgument, out sink);
                }

                return false;
            }

            return AgentInstructions(creation, constructor, creation.Arguments, out sink);
        }

        private bool TryInvocation(IInvocationOperation invocation, out InstructionSink sink)
        {
            sink = default;
            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (type is null)
            {
                return false;
            }

            if (Is(type, _skChatHistory))
            {
                switch (method.Name)
                {
                    case "AddSystemMessage":
                        return Content(invocation, invocation.Arguments, role: null, SystemMessage, RoleFix.UserMethod, out sink);
                    case "AddDeveloperMessage":
                        return Content(invocation, invocation.Arguments, role: null, DeveloperMessage, RoleFix.UserMethod, out sink);
                    case "AddMessage" when RoleArgument(invocation.Arguments, _skAuthorRole) is { } role && IsSystemRole(role):
                        return Content(invocation, invocation.Arguments, role, RoleName(role), RoleFix.RoleArgument, out sink);
                    default:
                        return false;
                }
            }

            if (Is(type, _openAiChatMessage) && method.IsStatic && method.Name is "CreateSystemMessage" or "CreateDeveloperMessage")
            {
                return Content(invocation, invocation.Arguments, role: null, method.Name == "CreateSystemMessage" ? SystemMessage : DeveloperMessage, RoleFix.UserMethod, out sink);
            }

            if (Is(type, _openAiResponseItem) && method.IsStatic && method.Name is "CreateSystemMessageItem" or "CreateDeveloperMessageItem")
            {
                return Content(invocation, invocation.Arguments, role: null, method.Name == "CreateSystemMessageItem" ? SystemMessage : DeveloperMessage, RoleFix.UserMethod, out sink);
            }

            return AgentInstructions(invocation, method, invocation.Arguments, out sink);
        }

        /// <summary>A constructor or factory of the Agent Framework (ChatClientAgent, AsAIAgent, BuildAIAgent, a provider's CreateAIAgent) given 'instructions'.</summary>
        private bool AgentInstructions(IOperation reported, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, out InstructionSink sink)
        {
            sink = default;
            // The parameter's name first: asked of every call and creation, it rules out nearly all of them without
            // walking up to the method's assembly.
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { Name: "instructions", Type.SpecialType: SpecialType.System_String } && argument.ArgumentKind != ArgumentKind.DefaultValue && IsFollowable(argument.Value)
                    && IsAgentAssembly(method.ContainingAssembly))
                {
                    sink = new InstructionSink(reported, argument.Value, "the agent's instructions", RoleFix.None);
                    return true;
                }
            }

            return false;
        }

        // A handful of assemblies at most: a scan is cheaper than hashing a symbol on every call.
        private bool IsAgentAssembly(IAssemblySymbol? assembly)
        {
            foreach (var agents in _agentAssemblies)
            {
                if (SymbolEqualityComparer.Default.Equals(agents, assembly))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The message's content: its arguments other than the role (and options such as encoding or metadata).</summary>
        private static bool Content(IOperation reported, ImmutableArray<IArgumentOperation> arguments, IArgumentOperation? role, string what, RoleFix fix, out InstructionSink sink)
        {
            sink = default;
            foreach (var argument in arguments)
            {
                if (argument == role || argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null || !IsContentParameter(argument.Parameter))
                {
                    continue;
                }

                if (IsFollowable(argument.Value))
                {
                    sink = new InstructionSink(reported, argument.Value, what, fix);
                    return true;
                }
            }

            return false;
        }

        // Content is text or content parts; a model id, an encoding, metadata and the SDK's inner content are not instructions.
        private static bool IsContentParameter(IParameterSymbol parameter) =>
            parameter.Name is not ("modelId" or "innerContent" or "encoding" or "metadata" or "cancellationToken");

        private static bool IsFollowable(IOperation value) => !value.ConstantValue.HasValue && value is not IInvalidOperation;

        private static IArgumentOperation? RoleArgument(ImmutableArray<IArgumentOperation> arguments, INamedTypeSymbol? roleType)
        {
            if (roleType is null)
            {
                return null;
            }

            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(Nullable(parameter.Type), roleType))
                {
                    return argument;
                }
            }

            return null;
        }

        private static ITypeSymbol Nullable(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable ? nullable.TypeArguments[0] : type;

        private static string? RoleInInitializer(IObjectOrCollectionInitializerOperation initializer)
        {
            foreach (var sibling in initializer.Initializers)
            {
                if (sibling is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Role" } } role)
                {
                    return RoleName(role.Value);
                }
            }

            return null;
        }

        /// <summary>ChatRole.System / AuthorRole.System / AuthorRole.Developer, or new ChatRole("system"|"developer").</summary>
        private static bool IsSystemRole(IArgumentOperation role) => RoleName(role).Length > 0;

        private static string RoleName(IArgumentOperation role) => RoleName(role.Value);

        private static string RoleName(IOperation role)
        {
            switch (OperationScope.Unwrap(role))
            {
                case IPropertyReferenceOperation { Property.IsStatic: true } property:
                    return property.Property.Name switch
                    {
                        "System" => SystemMessage,
                        "Developer" => DeveloperMessage,
                        _ => string.Empty,
                    };
                case IObjectCreationOperation { Arguments.Length: 1 } creation when creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }:
                    return name.Equals("system", StringComparison.OrdinalIgnoreCase) ? SystemMessage
                        : name.Equals("developer", StringComparison.OrdinalIgnoreCase) ? DeveloperMessage
                        : string.Empty;
                default:
                    return string.Empty;
            }
        }

        private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? expected) => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

        private static IPropertySymbol? Property(INamedTypeSymbol? type, string name)
        {
            if (type is null)
            {
                return null;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol property)
                {
                    return property;
                }
            }

            return null;
        }
    }
}
