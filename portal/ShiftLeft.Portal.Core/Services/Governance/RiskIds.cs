using System.Text.RegularExpressions;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>Risk-register ids as a risk acceptance stores them (space-separated) and as a person types them.</summary>
public static partial class RiskIds
{
    public const int MaxCount = 20;

    /// <summary>Validated, distinct ids in the order given; a bad id is a <see cref="PortalValidationException"/> naming it.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string>? ids)
    {
        var result = new List<string>();
        foreach (var raw in ids ?? [])
        {
            var id = raw?.Trim() ?? "";
            if (id.Length == 0) continue;
            if (!Grammar().IsMatch(id))
                throw new PortalValidationException($"'{Display.Cut(id, 40)}' is not a risk id: use letters, digits and . _ - (at most 100), as in the risk register (e.g. R-1).");
            if (!result.Contains(id, StringComparer.Ordinal)) result.Add(id);
        }

        if (result.Count > MaxCount) throw new PortalValidationException($"At most {MaxCount} risk ids can be linked.");
        return result;
    }

    public static string? Join(IReadOnlyList<string> ids) => ids.Count == 0 ? null : string.Join(' ', ids);

    public static IReadOnlyList<string> Split(string? stored) => string.IsNullOrEmpty(stored) ? [] : stored.Split(' ');

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}

/// <summary>Cutting user text for messages.</summary>
internal static class Display
{
    public static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
