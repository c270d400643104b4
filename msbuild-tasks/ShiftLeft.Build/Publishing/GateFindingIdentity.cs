// A gate finding's stable identity, written by SarifComposer where the compiler writes the analyzers' key
// (result.properties.customProperties.ShiftLeftIdentity), so the portal keys the finding and its triage on it alike:
//   <rule>|<system>|<evidence kind>|<file, or the project without one>|<LineHash of the pointed line alone (numbers as 0),
//   or empty>
// then "#2", "#3" for a key seen again in one report. What each part is, and why neither the message nor the line
// number is in it: docs/evidence-gate.md, "Identity of gate findings".
namespace ShiftLeft.Build.Publishing;

public static class GateFindingIdentity
{
    /// <summary>The customProperties name of the key, the analyzers' own.</summary>
    public const string PropertyName = "ShiftLeftIdentity";

    /// <summary>The key of a finding before occurrence numbering; <paramref name="lineText"/> null when it has no readable line.</summary>
    public static string Of(string rule, string system, string? requirement, string place, string? lineText) =>
        string.Join('|', rule, system, requirement ?? "", place, lineText is null ? "" : LineContent(lineText));

    // A gate finding often points at the very value it quotes — a failing score, a review date — so a re-run evaluation
    // or a refreshed date that still fails must keep the finding: each number (3, 3.25, 1e-3) counts as "0".
    private static readonly System.Text.RegularExpressions.Regex Numbers = new(@"[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// The line's own content: LineHash (which ignores spaces and tabs) of it alone, numbers as "0", a trailing comma
    /// dropped so a JSON entry moved to the end of its object keeps it.
    /// </summary>
    private static string LineContent(string line)
    {
        var hash = LineHash.Compute(Numbers.Replace(line.TrimEnd().TrimEnd(','), "0"))[0];
        return hash.Substring(0, hash.IndexOf(':', StringComparison.Ordinal));
    }

    /// <summary>Numbers repeated keys within one report: the second gets "#2", the third "#3".</summary>
    public sealed class Occurrences
    {
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public string Number(string key)
        {
            var count = _seen[key] = _seen.TryGetValue(key, out var seen) ? seen + 1 : 1;
            return count == 1 ? key : key + "#" + count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
