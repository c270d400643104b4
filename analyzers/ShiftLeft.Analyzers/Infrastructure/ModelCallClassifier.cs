// Usage:
//   if (shiftLeft.ModelCalls.TryClassifyReportable(invocation, out var call)) { ... call.PromptArguments ... }
// TryClassify recognises every model call (built-in table + shiftleft.model_call_methods); TryClassifyReportable
// also drops calls made inside a type that itself implements IChatClient / IEmbeddingGenerator /
// IChatCompletionService / ITextGenerationService (middleware and connectors forward, they do not originate calls).
// Matching is by containing type + method name over MethodIdentity.RelatedMethods: all overloads, extension
// forms, overrides and interface implementations; never by full signature (SDK signatures move between releases).
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class ModelCallClassifier
    {
        // Parameter names that carry what is sent to the model, across the SDKs (verified against the pinned assemblies).
        // A HashSet, read only after construction (thread-safe), not an ImmutableHashSet: this is looked up per argument.
        private static readonly HashSet<string> PromptParameterNames = new(StringComparer.Ordinal)
        {
            "messages", "message", "chatMessage", "chatMessages", "content", "input", "inputs", "inputItems", "userInputText",
            "chatHistory", "prompt", "promptTemplate", "arguments", "request", "value", "values",
            "chatCompletionsOptions", "embeddingsOptions", "text", "question", "query",
        };

        private readonly Dictionary<INamedTypeSymbol, Dictionary<string, ModelCallKind>> _table = new(SymbolEqualityComparer.Default);
        private readonly HashSet<string> _builtInNames = new(StringComparer.Ordinal);
        private readonly AiSymbols _symbols;
        private readonly SymbolNameList _configured;
        private readonly AnswerCache<IMethodSymbol, bool> _configuredMatches;

        // Only methods named like a model call get here (a handful per compilation); the answer is cached per declared
        // method, as the trigger, the member's facts and the personal-data rules all ask about the same calls.
        private readonly AnswerCache<IMethodSymbol, ModelCallKind?> _builtInMatches;
        private readonly AnswerCache<INamedTypeSymbol, bool> _insideModelClient;
        private readonly INamedTypeSymbol?[] _functionInvokers = Array.Empty<INamedTypeSymbol?>();

        public ModelCallClassifier(AiSymbols symbols, ShiftLeftOptions options)
        {
            _symbols = symbols;
            _configured = options.ModelCallMethods;
            _builtInMatches = new AnswerCache<IMethodSymbol, ModelCallKind?>(SymbolEqualityComparer.Default, LookUpBuiltIn);
            _insideModelClient = new AnswerCache<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default, ComputeIsInsideModelClient);
            _configuredMatches = new AnswerCache<IMethodSymbol, bool>(SymbolEqualityComparer.Default, _configured.MatchesMethod);

            const ModelCallKind G = ModelCallKind.Generative;
            const ModelCallKind E = ModelCallKind.Embedding;
            Add(symbols.OpenAIChatClient, G, "CompleteChat", "CompleteChatAsync", "CompleteChatStreaming", "CompleteChatStreamingAsync");
            Add(symbols.OpenAIResponsesClient, G, "CreateResponse", "CreateResponseAsync", "CreateResponseStreaming", "CreateResponseStreamingAsync");
            Add(symbols.OpenAIResponseClientLegacy, G, "CreateResponse", "CreateResponseAsync", "CreateResponseStreaming", "CreateResponseStreamingAsync");
            Add(symbols.OpenAIEmbeddingClient, E, "GenerateEmbedding", "GenerateEmbeddingAsync", "GenerateEmbeddings", "GenerateEmbeddingsAsync");
            Add(symbols.IChatClient, G, "GetResponseAsync", "GetStreamingResponseAsync");
            Add(symbols.ChatClientExtensions, G, "GetResponseAsync", "GetStreamingResponseAsync");
            Add(symbols.ChatClientStructuredOutputExtensions, G, "GetResponseAsync");
            Add(symbols.IEmbeddingGenerator, E, "GenerateAsync");
            Add(symbols.EmbeddingGeneratorExtensions, E, "GenerateAsync", "GenerateVectorAsync", "GenerateAndZipAsync", "GenerateEmbeddingAsync", "GenerateEmbeddingVectorAsync");
            Add(symbols.IChatCompletionService, G, "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync");
            Add(symbols.ChatCompletionServiceExtensions, G, "GetChatMessageContentAsync", "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync");
            Add(symbols.ITextGenerationService, G, "GetTextContentsAsync", "GetStreamingTextContentsAsync");
            Add(symbols.TextGenerationExtensions, G, "GetTextContentAsync");
            Add(symbols.SemanticKernelEmbeddingService, E, "GenerateEmbeddingsAsync");
            Add(symbols.SemanticKernelEmbeddingExtensions, E, "GenerateEmbeddingAsync");
            Add(symbols.Kernel, G, "InvokePromptAsync", "InvokePromptStreamingAsync");
            Add(symbols.KernelExtensions, G, "InvokePromptAsync", "InvokePromptStreamingAsync");
            Add(symbols.AzureChatCompletionsClient, G, "Complete", "CompleteAsync", "CompleteStreaming", "CompleteStreamingAsync");
            Add(symbols.AzureEmbeddingsClient, E, "Embed", "EmbedAsync");
            Add(symbols.IOllamaApiClient, G, "ChatAsync", "GenerateAsync");
            Add(symbols.IOllamaApiClient, E, "EmbedAsync");
            Add(symbols.OllamaApiClientExtensions, G, "GenerateAsync");
            Add(symbols.OllamaApiClientExtensions, E, "EmbedAsync");
            Add(symbols.OllamaChat, G, "SendAsync", "SendAsAsync");
            Add(symbols.AIAgent, G, "RunAsync", "RunStreamingAsync");
            Add(symbols.ChatClientAgent, G, "RunAsync", "RunStreamingAsync");
            Add(symbols.AnthropicMessageService, G, "Create", "CreateStreaming");
            Add(symbols.AnthropicMessageServiceExtensions, G, "Create");
            Add(symbols.AnthropicBetaMessageService, G, "Create", "CreateStreaming");
            Add(symbols.AnthropicBetaMessageServiceExtensions, G, "Create");

            // A kernel function's invocation is a model call only when the function is a prompt function (seen at the call).
            Add(symbols.Kernel, G, PromptFunctions.InvocationNames);
            Add(symbols.KernelFunction, G, PromptFunctions.InvocationNames);
            _functionInvokers = new[] { symbols.Kernel, symbols.KernelFunction };
        }

        /// <summary>Recognises a model call anywhere (no location exclusion).</summary>
        public bool TryClassify(IInvocationOperation? invocation, out ModelCall call)
        {
            call = default;
            var method = invocation?.TargetMethod;
            if (invocation is null || method is null || Classify(method, out var isConfigured) is not { } kind || !InvokesPromptFunctionIfKernelFunction(invocation))
            {
                return false;
            }

            call = new ModelCall(invocation, kind, GetReceiver(invocation), GetPromptArguments(invocation), isConfigured);
            return true;
        }

        /// <summary>Whether the invocation is a model call, without building its <see cref="ModelCall"/> (a cheap trigger).</summary>
        public bool IsModelCall(IInvocationOperation invocation) =>
            Classify(invocation.TargetMethod, out _) is not null && InvokesPromptFunctionIfKernelFunction(invocation);

        /// <summary>False for Kernel.InvokeAsync / KernelFunction.InvokeAsync on a function not seen to be made from a prompt.</summary>
        private bool InvokesPromptFunctionIfKernelFunction(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (Array.IndexOf(PromptFunctions.InvocationNames, method.Name) < 0)
            {
                return true;
            }

            var containing = method.ContainingType?.OriginalDefinition;
            foreach (var invoker in _functionInvokers)
            {
                if (TypeRelations.DerivesFrom(containing, invoker))
                {
                    return PromptFunctions.IsPromptFunction(PromptFunctions.FunctionOperand(invocation));
                }
            }

            return true;
        }

        private ModelCallKind? Classify(IMethodSymbol method, out bool isConfigured)
        {
            isConfigured = false;
            if (_builtInNames.Contains(method.Name) && _builtInMatches.Get((method.ReducedFrom ?? method).OriginalDefinition) is { } builtIn)
            {
                return builtIn;
            }

            if (!_configured.IsEmpty && _configuredMatches.Get((method.ReducedFrom ?? method).OriginalDefinition))
            {
                isConfigured = true;
                return ModelCallKind.Generative;
            }

            return null;
        }

        /// <summary>Recognises a model call that counts as a finding site (not inside a client implementation).</summary>
        public bool TryClassifyReportable(IInvocationOperation? invocation, out ModelCall call) =>
            TryClassify(invocation, out call) && !IsInsideModelClientImplementation(invocation!.SemanticModel, invocation);

        /// <summary>True when <paramref name="containingSymbol"/> is declared in a type (or an outer type) implementing a model-client interface.</summary>
        public bool IsInsideModelClientImplementation(ISymbol? containingSymbol) =>
            (containingSymbol as INamedTypeSymbol ?? containingSymbol?.ContainingType) is { } type && _insideModelClient.Get(type);

        /// <summary>True when the operation sits in a type (or an outer type) implementing a model-client interface.</summary>
        public bool IsInsideModelClientImplementation(SemanticModel? semanticModel, IOperation operation) =>
            semanticModel is not null && IsInsideModelClientImplementation(semanticModel.GetEnclosingSymbol(operation.Syntax.SpanStart)?.ContainingType);

        // Asked for every model call and every member with a sink; answered once per type.
        private bool ComputeIsInsideModelClient(INamedTypeSymbol containing)
        {
            for (var type = containing; type is not null; type = type.ContainingType)
            {
                if (_symbols.ImplementsModelClientInterface(type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The client: the instance, or the first argument of an extension method.</summary>
        public static IOperation? GetReceiver(IInvocationOperation invocation)
        {
            if (invocation.Instance is not null)
            {
                return invocation.Instance;
            }

            if (invocation.TargetMethod.IsExtensionMethod)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 0)
                    {
                        return argument.Value;
                    }
                }
            }

            return null;
        }

        private static ImmutableArray<IArgumentOperation> GetPromptArguments(IInvocationOperation invocation)
        {
            // Configured methods have unknown parameter names: everything but the cancellation token is prompt.
            var arguments = invocation.Arguments;
            var isExtension = invocation.TargetMethod.IsExtensionMethod;
            var named = 0;
            var others = 0;
            ulong roles = 0; // two bits per argument (the first 32), so each role is worked out once
            for (var index = 0; index < arguments.Length; index++)
            {
                var role = RoleOf(arguments[index], isExtension);
                named += role == ArgumentRole.PromptByName ? 1 : 0;
                others += role == ArgumentRole.Other ? 1 : 0;
                if (index < 32)
                {
                    roles |= (ulong)role << (2 * index);
                }
            }

            var wanted = named > 0 ? ArgumentRole.PromptByName : ArgumentRole.Other;
            var prompt = ImmutableArray.CreateBuilder<IArgumentOperation>(named > 0 ? named : others);
            for (var index = 0; index < arguments.Length; index++)
            {
                var role = index < 32 ? (ArgumentRole)((roles >> (2 * index)) & 3) : RoleOf(arguments[index], isExtension);
                if (role == wanted)
                {
                    prompt.Add(arguments[index]);
                }
            }

            return prompt.MoveToImmutable();
        }

        private static ArgumentRole RoleOf(IArgumentOperation argument, bool isExtension)
        {
            var parameter = argument.Parameter;
            if (parameter is null || (parameter.Ordinal == 0 && isExtension) || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                return ArgumentRole.Ignored;
            }

            if (PromptParameterNames.Contains(parameter.Name))
            {
                return ArgumentRole.PromptByName;
            }

            return parameter.Type.Name == "CancellationToken" ? ArgumentRole.Ignored : ArgumentRole.Other;
        }

        private enum ArgumentRole
        {
            Ignored,
            PromptByName,
            Other,
        }

        private ModelCallKind? LookUpBuiltIn(IMethodSymbol method)
        {
            foreach (var candidate in MethodIdentity.RelatedMethods(method))
            {
                if (candidate.ContainingType is { } type
                    && _table.TryGetValue(type.OriginalDefinition, out var methods)
                    && methods.TryGetValue(candidate.Name, out var kind))
                {
                    return kind;
                }
            }

            return null;
        }

        private void Add(INamedTypeSymbol? type, ModelCallKind kind, params string[] methodNames)
        {
            if (type is null)
            {
                return;
            }

            if (!_table.TryGetValue(type, out var methods))
            {
                _table[type] = methods = new Dictionary<string, ModelCallKind>(StringComparer.Ordinal);
            }

            foreach (var name in methodNames)
            {
                methods[name] = kind;
                _builtInNames.Add(name);
            }
        }
    }
}
