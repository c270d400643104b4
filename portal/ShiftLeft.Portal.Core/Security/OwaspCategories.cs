namespace ShiftLeft.Portal.Core.Security;

/// <summary>
/// A rule's OWASP Top 10 for LLM Applications 2025 category. The log says it: ShiftLeft's rules carry their taxonomy in
/// their descriptors (<c>tool.driver.rules[].properties.tags</c>, <c>external/owasp-llm-2025/LLM01</c>), read at
/// ingestion. What is here are overrides from configuration (<c>Portal:OwaspCategories</c>), for other tools' rules that
/// say nothing, or to recategorise one.
/// </summary>
public sealed class OwaspCategoryMap
{
    private readonly Dictionary<string, string> _overrides;

    public OwaspCategoryMap(IReadOnlyDictionary<string, string>? overrides = null)
    {
        _overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (overrides is null) return;
        foreach (var (rule, category) in overrides) _overrides[rule] = category;
    }

    /// <summary>The category (e.g. <c>LLM02</c>) of a rule: the configured override, else what the log says, else null.</summary>
    public string? For(string ruleId, string? fromLog = null) => _overrides.GetValueOrDefault(ruleId) ?? fromLog;

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
