using System.Globalization;
using System.Text.RegularExpressions;

namespace ShiftLeft.Build.Publishing;

/// <summary>How GitHub code scanning should rank a ShiftLeft rule; values the analyzers put in SARIF take precedence.</summary>
/// <param name="SecuritySeverity">code scanning's security-severity (0.1-10); null for rules that are not security findings.</param>
/// <param name="Precision">very-high, high, medium or low.</param>
/// <param name="Tags">code scanning tags; "security" makes the alert a security alert.</param>
public sealed record RuleRanking(double? SecuritySeverity, string Precision, IReadOnlyList<string> Tags)
{
    public string? SecuritySeverityText => SecuritySeverity?.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>
/// The ShiftLeft rules as code scanning sees them: ranking (data, one row per rule) and help (the rule's page in
/// docs/rules, embedded at build time, so the help an alert shows is the page the help link opens).
/// </summary>
public static class RuleCatalog
{
    private static readonly IReadOnlyDictionary<string, RuleRanking> Rankings = new Dictionary<string, RuleRanking>(StringComparer.Ordinal)
    {
        // Analyzer rules (ShiftLeft.Analyzers): flow-checked findings in source. Their taxonomy (OWASP LLM, CWE, EU AI Act,
        // GDPR) is in the analyzers' descriptors and reaches the log as tags; these tags are added to it.
        ["SL0001"] = new(4.0, "high", ["security", "responsible-ai", "accountability"]),
        ["SL0002"] = new(7.5, "high", ["security", "responsible-ai"]),
        ["SL0003"] = new(6.5, "high", ["security", "responsible-ai", "privacy"]),
        ["SL0004"] = new(7.0, "high", ["security", "responsible-ai", "privacy"]),
        ["SL0005"] = new(null, "very-high", ["responsible-ai", "configuration"]),

        // Evidence gate rules (ShiftLeft.Build): governance findings, ranked by their level, not as security alerts.
        ["SL1000"] = new(null, "very-high", ["responsible-ai", "evidence-gate"]),
        ["SL1001"] = new(null, "very-high", ["responsible-ai", "evidence-gate"]),
        ["SL1002"] = new(null, "very-high", ["responsible-ai", "evidence-gate"]),
        ["SL1003"] = new(null, "very-high", ["responsible-ai", "evidence-gate"]),
        ["SL1004"] = new(null, "very-high", ["responsible-ai", "evidence-gate"]),
        ["SL1005"] = new(null, "very-high", ["responsible-ai", "evidence-gate"]),
        ["SL1006"] = new(null, "very-high", ["responsible-ai", "evidence-gate"]),
        ["SL1007"] = new(null, "high", ["responsible-ai", "evidence-gate"]),
    };

    public static RuleRanking? Ranking(string ruleId) => Rankings.TryGetValue(ruleId, out var ranking) ? ranking : null;

    /// <summary>The rule's documentation page (Markdown), or null for a rule without one.</summary>
    public static string? HelpMarkdown(string ruleId)
    {
        if (ruleId.Length > 16 || !ruleId.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        using var stream = typeof(RuleCatalog).Assembly.GetManifestResourceStream("ShiftLeft.Build.Rules." + ruleId + ".md");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return AbsoluteLinks(reader.ReadToEnd());
    }

    /// <summary>Relative links between the pages (SL0002.md, ../analyzers.md#x) point at the published documentation.</summary>
    private static string AbsoluteLinks(string markdown) =>
        Regex.Replace(markdown, @"\]\((?![a-z]+:)(?<path>[^)#\s]+)\.md(?<anchor>#[^)\s]*)?\)", m =>
            "](" + new Uri(new Uri(DocumentationLinks.Base + "rules/"), m.Groups["path"].Value + ".html").AbsoluteUri + m.Groups["anchor"].Value + ")",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The title of a rule from its page's first heading ("# SL1003 — Title"), or null.</summary>
    public static string? Title(string ruleId)
    {
        var first = HelpMarkdown(ruleId)?.Split('\n')[0].Trim();
        if (first is null || !first.StartsWith("# " + ruleId, StringComparison.Ordinal))
        {
            return null;
        }

        var dash = first.IndexOf('—', StringComparison.Ordinal);
        return dash < 0 ? null : first.Substring(dash + 1).Trim();
    }
}
