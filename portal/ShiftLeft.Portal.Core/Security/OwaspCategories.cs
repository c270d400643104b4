namespace ShiftLeft.Portal.Core.Security;

/// <summary>Maps rule ids to OWASP Top 10 for LLM Applications 2025 categories (built-in for ShiftLeft rules, extendable by configuration).</summary>
public sealed class OwaspCategoryMap
{
    // SL0001 (model call not audit-logged) is accountability, not an OWASP LLM risk: deliberately unmapped.
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SL0002"] = "LLM01", // model call without guardrail → prompt injection
        ["SL0003"] = "LLM02", // personal data written to logs → sensitive information disclosure
        ["SL0004"] = "LLM02", // personal data sent to a model → sensitive information disclosure
    };

    private readonly Dictionary<string, string> _map;

    public OwaspCategoryMap(IReadOnlyDictionary<string, string>? overrides = null)
    {
        _map = new Dictionary<string, string>(BuiltIn, StringComparer.OrdinalIgnoreCase);
        if (overrides is null) return;
        foreach (var (rule, category) in overrides) _map[rule] = category;
    }

    /// <summary>The category (e.g. <c>LLM02</c>) or null.</summary>
    public string? For(string ruleId) => _map.GetValueOrDefault(ruleId);

    /// <summary>
    /// The category's canonical code (<c>llm02</c> → <c>LLM02</c>) when it is one of the ten, else null: a filter names a
    /// category, never free text a link could put on a page.
    /// </summary>
    public static string? Canonical(string? category) =>
        category?.Trim().ToUpperInvariant() is { } code && Names.ContainsKey(code) ? code : null;

    /// <summary>Human names of the categories, for chart labels.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["LLM01"] = "LLM01 Prompt Injection",
        ["LLM02"] = "LLM02 Sensitive Information Disclosure",
        ["LLM03"] = "LLM03 Supply Chain",
        ["LLM04"] = "LLM04 Data and Model Poisoning",
        ["LLM05"] = "LLM05 Improper Output Handling",
        ["LLM06"] = "LLM06 Excessive Agency",
        ["LLM07"] = "LLM07 System Prompt Leakage",
        ["LLM08"] = "LLM08 Vector and Embedding Weaknesses",
        ["LLM09"] = "LLM09 Misinformation",
        ["LLM10"] = "LLM10 Unbounded Consumption",
    };
}
