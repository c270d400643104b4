using Microsoft.SemanticKernel;

namespace SupportAssistant.Services;

/// <summary>Drafts FAQ entries with a Semantic Kernel prompt: recorded by the kernel's logging (AddLogging next to AddKernel in Program.cs), not guarded.</summary>
public sealed class FaqWriter(Kernel kernel)
{
    public async Task<string> DraftAsync(string topic, CancellationToken cancellationToken = default)
    {
        var result = await kernel.InvokePromptAsync($"Write a short FAQ entry about {topic}.", cancellationToken: cancellationToken); // expect: SL0002, SL0010
        return result.GetValue<string>() ?? string.Empty;
    }
}
