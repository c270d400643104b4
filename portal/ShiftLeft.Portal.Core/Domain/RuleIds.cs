using System.Text.RegularExpressions;

namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// The grammar of a rule id (docs/portal.md "Identifiers"): an ASCII letter, then up to 99 ASCII letters, digits or
/// <c>_ . - /</c>. Every id a Roslyn analyzer can report fits (the compiler requires identifiers), as do SARIF's
/// hierarchical ids (<c>a/b</c>); markup, spaces, quotes and control characters never do.
/// </summary>
public static partial class RuleIds
{
    public const int MaxLength = 100;

    /// <summary>What a valid id looks like, for error messages.</summary>
    public const string Grammar = "an ASCII letter followed by at most 99 ASCII letters, digits, '_', '.', '-' or '/' (e.g. SL0003, CA1822)";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.\-/]{0,99}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
