namespace ShiftLeft.Build.Gate;

/// <summary>Package ids that make a project an AI system for SL1007 (a trailing * matches a prefix).</summary>
public static class AiSdkPackages
{
    /// <summary>The built-in list; ShiftLeftAiSdkPackages adds to it.</summary>
    public static readonly IReadOnlyList<string> Defaults =
    [
        "OpenAI", "Azure.AI.OpenAI", "Microsoft.Extensions.AI", "Microsoft.Extensions.AI.*", "Microsoft.SemanticKernel",
        "Microsoft.SemanticKernel.*", "Azure.AI.Inference", "Azure.AI.Projects", "Azure.AI.Agents.*", "Microsoft.Agents.AI*",
        "OllamaSharp", "AWSSDK.BedrockRuntime", "Anthropic", "Anthropic.SDK", "Mistral.SDK", "LLamaSharp",
        "Microsoft.ML.OnnxRuntimeGenAI*", "Google.Cloud.AIPlatform.V1", "Betalgo.OpenAI", "OpenAI-DotNet",
    ];

    /// <summary>The referenced packages that are AI SDKs, in reference order.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> packageReferences, IEnumerable<string> patterns)
    {
        var all = patterns.Where(p => p.Length > 0).ToList();
        return packageReferences.Where(id => all.Any(p => Matches(p, id))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static bool Matches(string pattern, string id) => pattern.EndsWith("*", StringComparison.Ordinal)
        ? id.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
        : string.Equals(pattern, id, StringComparison.OrdinalIgnoreCase);
}
