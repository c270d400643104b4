using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.ModelCalls;

namespace ShiftLeft.Analyzers.Consumption
{
    /// <summary>The SDK family of a generative call, which says where its output limit can be set.</summary>
    internal enum OutputLimitFamily
    {
        /// <summary>The SDK always sends a limit (Anthropic's <c>MaxTokens</c> is required), or the call's settings cannot be read.</summary>
        None,
        ChatClient,
        OpenAIChat,
        OpenAIResponses,
        KernelService,
        KernelPrompt,
        KernelFunction,
        Agent,
        AzureInference,
        Ollama,
    }

    /// <summary>Which family a model call belongs to, and what to tell its author.</summary>
    internal static class OutputLimitedCall
    {
        public static OutputLimitFamily FamilyOf(AiSymbols symbols, in ModelCall call)
        {
            var type = call.Method.ContainingType?.OriginalDefinition;
            if (type is null || call.IsConfigured)
            {
                return OutputLimitFamily.None;
            }

            if (TypeRelations.Implements(type, symbols.IChatClient) || Is(type, symbols.ChatClientExtensions) || Is(type, symbols.ChatClientStructuredOutputExtensions))
            {
                return OutputLimitFamily.ChatClient;
            }

            if (TypeRelations.DerivesFrom(type, symbols.OpenAIChatClient))
            {
                return OutputLimitFamily.OpenAIChat;
            }

            if (TypeRelations.DerivesFrom(type, symbols.OpenAIResponsesClient) || TypeRelations.DerivesFrom(type, symbols.OpenAIResponseClientLegacy))
            {
                return OutputLimitFamily.OpenAIResponses;
            }

            if (TypeRelations.Implements(type, symbols.IChatCompletionService) || Is(type, symbols.ChatCompletionServiceExtensions)
                || TypeRelations.Implements(type, symbols.ITextGenerationService) || Is(type, symbols.TextGenerationExtensions))
            {
                return OutputLimitFamily.KernelService;
            }

            if (Is(type, symbols.Kernel) || Is(type, symbols.KernelExtensions) || TypeRelations.DerivesFrom(type, symbols.KernelFunction))
            {
                return call.Method.Name.StartsWith("InvokePrompt", System.StringComparison.Ordinal) ? OutputLimitFamily.KernelPrompt : OutputLimitFamily.KernelFunction;
            }

            if (TypeRelations.DerivesFrom(type, symbols.AIAgent))
            {
                return OutputLimitFamily.Agent;
            }

            if (TypeRelations.DerivesFrom(type, symbols.AzureChatCompletionsClient))
            {
                return OutputLimitFamily.AzureInference;
            }

            if (TypeRelations.Implements(type, symbols.IOllamaApiClient) || Is(type, symbols.OllamaApiClientExtensions) || TypeRelations.DerivesFrom(type, symbols.OllamaChat))
            {
                return OutputLimitFamily.Ollama;
            }

            // Anthropic's Messages.Create: MaxTokens is a required member of MessageCreateParams, so every call is bounded.
            return OutputLimitFamily.None;
        }

        /// <summary>Where the author sets the limit, per family.</summary>
        public static string Hint(OutputLimitFamily family) => family switch
        {
            OutputLimitFamily.ChatClient => "pass ChatOptions with MaxOutputTokens, or set it for the client with ConfigureOptions",
            OutputLimitFamily.OpenAIChat => "pass ChatCompletionOptions with MaxOutputTokenCount",
            OutputLimitFamily.OpenAIResponses => "pass CreateResponseOptions with MaxOutputTokenCount",
            OutputLimitFamily.KernelService => "pass execution settings with a max-tokens value (OpenAIPromptExecutionSettings.MaxTokens, or ExtensionData[\"max_tokens\"])",
            OutputLimitFamily.KernelPrompt or OutputLimitFamily.KernelFunction => "give the prompt execution settings with a max-tokens value (in its KernelArguments or where the prompt function is created)",
            OutputLimitFamily.Agent => "pass ChatClientAgentRunOptions whose ChatOptions set MaxOutputTokens, or set it in the agent's ChatClientAgentOptions.ChatOptions",
            OutputLimitFamily.AzureInference => "set ChatCompletionsOptions.MaxTokens",
            OutputLimitFamily.Ollama => "set RequestOptions.NumPredict",
            _ => string.Empty,
        };

        /// <summary>Whether the family's client can be followed to a pipeline that limits output (ConfigureOptions, agent options).</summary>
        public static bool HasPipeline(OutputLimitFamily family) => family is OutputLimitFamily.ChatClient or OutputLimitFamily.Agent;

        private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? candidate) => candidate is not null && SymbolEqualityComparer.Default.Equals(type, candidate);
    }
}
