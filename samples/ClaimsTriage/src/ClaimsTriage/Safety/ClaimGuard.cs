namespace ClaimsTriage.Safety;

/// <summary>Input guardrail: claim text is screened for prompt injection before a model sees it.</summary>
public static class ClaimGuard
{
    public static string Screen(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains("ignore previous instructions", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("The claim text was rejected by the guardrail.");
        }

        return text.Length > 8000 ? text[..8000] : text;
    }
}

/// <summary>The triage decisions' audit log (EU AI Act Art. 12). In-memory here.</summary>
public static class DecisionLog
{
    private static readonly List<string> Entries = [];

    public static void Record(string claimId, string decision)
    {
        lock (Entries)
        {
            Entries.Add($"{claimId}: {decision}");
        }
    }
}

/// <summary>Redaction of personal data before it leaves the process.</summary>
public static class Redaction
{
    public static string Mask(string value) => value.Length <= 2 ? "**" : value[0] + new string('*', value.Length - 2) + value[^1];
}
