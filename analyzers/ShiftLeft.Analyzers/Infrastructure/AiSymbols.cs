// Usage: the AI SDK and logging types one compilation references, resolved ONCE per compilation.
//   var context = ShiftLeftCompilation.Get(compilationStartContext);   // builds AiSymbols inside
//   if (!context.ShouldAnalyze) return;                                  // no AI SDK (and no configured model call): register nothing
//   context.Symbols.ILogger, context.Symbols.IChatClient, ...            // null when the assembly is not referenced
// Every member may be null: a compilation references any subset of the SDKs.
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    /// <summary>Types from OpenAI, Microsoft.Extensions.AI, Semantic Kernel, the Agent Framework, Anthropic, Azure.AI.Inference, OllamaSharp and logging.</summary>
    internal sealed class AiSymbols
    {
        private AiSymbols(ReferencedTypes types)
        {
            INamedTypeSymbol? Get(string metadataName) => types.Get(metadataName);

            OpenAIChatClient = Get("OpenAI.Chat.ChatClient");
            OpenAIEmbeddingClient = Get("OpenAI.Embeddings.EmbeddingClient");
            OpenAIResponsesClient = Get("OpenAI.Responses.ResponsesClient");
            // Named OpenAIResponseClient up to OpenAI 2.7, ResponsesClient from 2.9 on.
            OpenAIResponseClientLegacy = Get("OpenAI.Responses.OpenAIResponseClient");
            OpenAIModerationClient = Get("OpenAI.Moderations.ModerationClient");

            IChatClient = Get("Microsoft.Extensions.AI.IChatClient");
            IEmbeddingGenerator = Get("Microsoft.Extensions.AI.IEmbeddingGenerator`2");
            ChatClientExtensions = Get("Microsoft.Extensions.AI.ChatClientExtensions");
            ChatClientStructuredOutputExtensions = Get("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions");
            EmbeddingGeneratorExtensions = Get("Microsoft.Extensions.AI.EmbeddingGeneratorExtensions");
            ChatClientBuilder = Get("Microsoft.Extensions.AI.ChatClientBuilder");

            IChatCompletionService = Get("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService");
            ChatCompletionServiceExtensions = Get("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions");
            ITextGenerationService = Get("Microsoft.SemanticKernel.TextGeneration.ITextGenerationService");
            TextGenerationExtensions = Get("Microsoft.SemanticKernel.TextGeneration.TextGenerationExtensions");
            SemanticKernelEmbeddingService = Get("Microsoft.SemanticKernel.Embeddings.IEmbeddingGenerationService`2");
            SemanticKernelEmbeddingExtensions = Get("Microsoft.SemanticKernel.Embeddings.EmbeddingGenerationExtensions");
            Kernel = Get("Microsoft.SemanticKernel.Kernel");
            KernelExtensions = Get("Microsoft.SemanticKernel.KernelExtensions");
            ChatHistory = Get("Microsoft.SemanticKernel.ChatCompletion.ChatHistory");

            AzureChatCompletionsClient = Get("Azure.AI.Inference.ChatCompletionsClient");
            AzureEmbeddingsClient = Get("Azure.AI.Inference.EmbeddingsClient");

            IOllamaApiClient = Get("OllamaSharp.IOllamaApiClient");
            OllamaApiClientExtensions = Get("OllamaSharp.OllamaApiClientExtensions");
            OllamaChat = Get("OllamaSharp.Chat");

            KernelFunction = Get("Microsoft.SemanticKernel.KernelFunction");
            FunctionInvocationFilter = Get("Microsoft.SemanticKernel.IFunctionInvocationFilter");
            PromptRenderFilter = Get("Microsoft.SemanticKernel.IPromptRenderFilter");
            AutoFunctionInvocationFilter = Get("Microsoft.SemanticKernel.IAutoFunctionInvocationFilter");

            AIAgent = Get("Microsoft.Agents.AI.AIAgent");
            ChatClientAgent = Get("Microsoft.Agents.AI.ChatClientAgent");

            AnthropicMessageService = Get("Anthropic.Services.IMessageService");
            AnthropicMessageServiceExtensions = Get("Anthropic.Services.MessageServiceExtensions");
            AnthropicBetaMessageService = Get("Anthropic.Services.Beta.IMessageService");
            AnthropicBetaMessageServiceExtensions = Get("Anthropic.Services.Beta.BetaMessageServiceExtensions");

            ILogger = Get("Microsoft.Extensions.Logging.ILogger");
            ILoggerOfT = Get("Microsoft.Extensions.Logging.ILogger`1");
            LoggerExtensions = Get("Microsoft.Extensions.Logging.LoggerExtensions");
            LoggerMessageAttribute = Get("Microsoft.Extensions.Logging.LoggerMessageAttribute");

            // Types whose implementers forward to an inner model (middleware, connectors): calls inside them are not findings.
            ModelClientInterfaces = new[] { IChatClient, IEmbeddingGenerator, IChatCompletionService, ITextGenerationService, AnthropicMessageService, AnthropicBetaMessageService }
                .Where(type => type is not null).Select(type => type!).ToImmutableArray();
        }

        public INamedTypeSymbol? OpenAIChatClient { get; }
        public INamedTypeSymbol? OpenAIEmbeddingClient { get; }
        public INamedTypeSymbol? OpenAIResponsesClient { get; }
        public INamedTypeSymbol? OpenAIResponseClientLegacy { get; }
        public INamedTypeSymbol? OpenAIModerationClient { get; }
        public INamedTypeSymbol? IChatClient { get; }
        public INamedTypeSymbol? IEmbeddingGenerator { get; }
        public INamedTypeSymbol? ChatClientExtensions { get; }
        public INamedTypeSymbol? ChatClientStructuredOutputExtensions { get; }
        public INamedTypeSymbol? EmbeddingGeneratorExtensions { get; }
        public INamedTypeSymbol? ChatClientBuilder { get; }
        public INamedTypeSymbol? IChatCompletionService { get; }
        public INamedTypeSymbol? ChatCompletionServiceExtensions { get; }
        public INamedTypeSymbol? ITextGenerationService { get; }
        public INamedTypeSymbol? TextGenerationExtensions { get; }
        public INamedTypeSymbol? SemanticKernelEmbeddingService { get; }
        public INamedTypeSymbol? SemanticKernelEmbeddingExtensions { get; }
        public INamedTypeSymbol? Kernel { get; }
        public INamedTypeSymbol? KernelExtensions { get; }
        public INamedTypeSymbol? ChatHistory { get; }
        public INamedTypeSymbol? AzureChatCompletionsClient { get; }
        public INamedTypeSymbol? AzureEmbeddingsClient { get; }
        public INamedTypeSymbol? IOllamaApiClient { get; }
        public INamedTypeSymbol? OllamaApiClientExtensions { get; }
        public INamedTypeSymbol? OllamaChat { get; }
        public INamedTypeSymbol? KernelFunction { get; }
        public INamedTypeSymbol? FunctionInvocationFilter { get; }
        public INamedTypeSymbol? PromptRenderFilter { get; }
        public INamedTypeSymbol? AutoFunctionInvocationFilter { get; }
        public INamedTypeSymbol? AIAgent { get; }
        public INamedTypeSymbol? ChatClientAgent { get; }
        public INamedTypeSymbol? AnthropicMessageService { get; }
        public INamedTypeSymbol? AnthropicMessageServiceExtensions { get; }
        public INamedTypeSymbol? AnthropicBetaMessageService { get; }
        public INamedTypeSymbol? AnthropicBetaMessageServiceExtensions { get; }
        public INamedTypeSymbol? ILogger { get; }
        public INamedTypeSymbol? ILoggerOfT { get; }
        public INamedTypeSymbol? LoggerExtensions { get; }
        public INamedTypeSymbol? LoggerMessageAttribute { get; }

        /// <summary>IChatClient, IEmbeddingGenerator&lt;,&gt;, IChatCompletionService, ITextGenerationService, Anthropic's message services (those referenced).</summary>
        public ImmutableArray<INamedTypeSymbol> ModelClientInterfaces { get; }

        /// <summary>True when at least one model SDK the rules know is referenced.</summary>
        public bool HasAnyAiSdk =>
            OpenAIChatClient is not null || OpenAIEmbeddingClient is not null || OpenAIResponsesClient is not null
            || OpenAIResponseClientLegacy is not null || IChatClient is not null || IEmbeddingGenerator is not null
            || IChatCompletionService is not null || ITextGenerationService is not null || Kernel is not null
            || AzureChatCompletionsClient is not null || IOllamaApiClient is not null || AIAgent is not null
            || AnthropicMessageService is not null || AnthropicBetaMessageService is not null;

        public static AiSymbols Create(ReferencedTypes types) => new(types);

        /// <summary>True when <paramref name="type"/> is ILogger or ILogger&lt;T&gt; or implements one of them.</summary>
        public bool IsLoggerType(ITypeSymbol? type)
        {
            if (type is null || ILogger is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, ILogger) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, ILoggerOfT))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, ILogger))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="type"/> implements (or is) one of <see cref="ModelClientInterfaces"/>, or is an agent (agent middleware forwards too).</summary>
        public bool ImplementsModelClientInterface(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (TypeRelations.DerivesFrom(type, AIAgent))
            {
                return true;
            }

            foreach (var candidate in ModelClientInterfaces)
            {
                if (TypeRelations.Implements(type, candidate))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
