namespace ShiftLeft.Build.Evidence;

/// <summary>
/// Which promptfoo provider ids name a hosted model, and which model. <c>openai:chat:gpt-4o-2024-08-06</c> names
/// <c>gpt-4o-2024-08-06</c>; <c>echo</c>, <c>file://provider.js</c>, <c>python:</c>, <c>exec:</c>, HTTP endpoints and
/// every id not listed here name no model: they must be mapped in the system's <c>model.providers</c>, never taken
/// for a model id.
/// </summary>
internal static class PromptfooProviders
{
    // Provider prefixes whose remainder is the model (for azure: the deployment name, which a mapping can translate).
    private static readonly HashSet<string> Hosted = new(StringComparer.OrdinalIgnoreCase)
    {
        "openai", "azure", "azureopenai", "anthropic", "bedrock", "vertex", "google", "mistral", "groq", "ollama",
        "openrouter", "togetherai", "deepseek", "xai", "perplexity", "cohere", "fireworks", "cerebras", "huggingface",
        "replicate", "ai21", "watsonx", "cloudflare-ai", "github", "litellm", "localai", "llamafile", "vllm",
    };

    // Second segments that select an API of the provider rather than a model.
    private static readonly HashSet<string> Modes = new(StringComparer.OrdinalIgnoreCase)
    {
        "chat", "completion", "completions", "messages", "responses", "converse", "text-generation", "embedding",
        "embeddings", "assistant", "realtime", "chat-completions", "text",
    };

    /// <summary>The model a provider id names, or null when it names none.</summary>
    public static string? ModelOf(string? providerId)
    {
        if (string.IsNullOrWhiteSpace(providerId) || providerId!.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = providerId.Split(':');
        if (parts.Length < 2 || !Hosted.Contains(parts[0]))
        {
            return null;
        }

        var first = parts.Length > 2 && Modes.Contains(parts[1]) ? 2 : 1;
        var model = string.Join(":", parts.Skip(first));
        return model.Trim().Length == 0 ? null : model;
    }
}
