using System.Reflection;

namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// ShiftLeft's own rules and their documentation: the <c>docs/rules/&lt;ID&gt;.md</c> pages, embedded in this assembly at
/// build time, so the portal serves them itself (<c>/rules/{id}</c>) and knows which rules are ShiftLeft's.
/// </summary>
public static class RuleDocumentation
{
    private const string Prefix = "ShiftLeft.Portal.Core.rules.";
    private const string Suffix = ".md";

    private static readonly Dictionary<string, string> Pages = Load();

    /// <summary>The ids of ShiftLeft's rules, ordered.</summary>
    public static IReadOnlyList<string> ShiftLeftRuleIds { get; } = Pages.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Whether the rule is one of ShiftLeft's (case-insensitive, as rule ids are shown).</summary>
    public static bool IsShiftLeftRule(string? ruleId) => ruleId is not null && Pages.ContainsKey(ruleId);

    /// <summary>The rule's page as Markdown, or null for a rule ShiftLeft does not document (compiler, CA, other analyzers).</summary>
    public static string? Markdown(string? ruleId) => ruleId is not null && Pages.TryGetValue(ruleId, out var page) ? page : null;

    private static Dictionary<string, string> Load()
    {
        var assembly = typeof(RuleDocumentation).Assembly;
        var pages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            pages[name[Prefix.Length..^Suffix.Length]] = reader.ReadToEnd();
        }

        return pages.Count > 0 ? pages : throw new InvalidOperationException("No rule documentation is embedded in " + assembly.GetName().Name + ".");
    }
}
