using System.Text.RegularExpressions;

namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// The grammar of a rule id (docs/portal.md "Identifiers"): an ASCII letter, then up to 99 ASCII letters, digits or
/// <c>_ . - /</c>, where every <c>/</c>-separated segment is non-empty and neither <c>.</c> nor <c>..</c>. Every id a
/// Roslyn analyzer can report fits (the compiler requires identifiers), as do SARIF's hierarchical ids (<c>a/b</c>);
/// markup, spaces, quotes and control characters never do, nor dot segments, which a browser would resolve when the id
/// is part of a link (<c>rules/A/../../admin</c> is <c>/admin</c>).
/// </summary>
public static partial class RuleIds
{
    public const int MaxLength = 100;

    /// <summary>What a valid id looks like, for error messages.</summary>
    public const string Grammar =
        "an ASCII letter followed by at most 99 ASCII letters, digits, '_', '.', '-' or '/', with no empty, '.' or '..' segment between slashes (e.g. SL0003, CA1822)";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    // Characters and length, then: no "//", no trailing "/", and no segment that is exactly "." or "..".
    [GeneratedRegex(@"^(?!.*//)(?!.*/\z)(?!(?:.*/)?\.{1,2}(?:/|\z))[A-Za-z][A-Za-z0-9_.\-/]{0,99}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
