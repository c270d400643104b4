namespace SupportAssistant.Safety;

/// <summary>Input guardrail: rejects prompt-injection attempts and caps the prompt size before any model sees it.</summary>
public static class PromptGuard
{
    private const int MaxPromptLength = 4000;

    private static readonly string[] InjectionMarkers =
    [
        "ignore previous instructions",
        "ignore all previous instructions",
        "reveal your system prompt",
        "you are now",
    ];

    public static string Check(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        foreach (var marker in InjectionMarkers)
        {
            if (prompt.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                throw new PromptRejectedException($"The prompt was rejected: it contains \"{marker}\".");
            }
        }

        return prompt.Length > MaxPromptLength ? prompt[..MaxPromptLength] : prompt;
    }
}

/// <summary>Output guardrail: model text must not carry markup into the support portal.</summary>
public static class OutputGuard
{
    public static void Verify(string answer)
    {
        if (answer.Contains("<script", StringComparison.OrdinalIgnoreCase) || answer.Contains("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            throw new PromptRejectedException("The model's answer contained active content and was discarded.");
        }
    }
}

public sealed class PromptRejectedException(string message) : Exception(message);
