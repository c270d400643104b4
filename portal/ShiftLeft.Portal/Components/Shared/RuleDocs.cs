using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Components.Shared;

/// <summary>Where a rule's documentation is: the portal's own page for it, which renders ShiftLeft's docs or links the analyzer's https helpUri.</summary>
public static class RuleDocs
{
    /// <summary>
    /// The rule page's address with the whole id as ONE percent-encoded segment (<c>/</c> as <c>%2F</c>): a browser resolves
    /// dot segments in a link, so an id is never allowed to contribute path structure to it.
    /// </summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="repositoryId">
    /// The repository whose finding links here: for a rule that is not ShiftLeft's, the page shows what that repository's
    /// uploads said about it (title, https help link), never another repository's.
    /// </param>
    public static string Link(string ruleId, long? repositoryId = null) =>
        "rules/" + Uri.EscapeDataString(ruleId)
        + (repositoryId is { } id && !RuleDocumentation.IsShiftLeftRule(ruleId) ? "?repositoryId=" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");

    /// <summary>The rule id a rule page's address carries (its segment decoded once, however the router handed it over); null when it is no rule id.</summary>
    public static string? IdFromAddress(string? segment)
    {
        if (string.IsNullOrEmpty(segment)) return null;
        // Rule ids hold no '%', so decoding cannot turn one valid id into another.
        var id = segment.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(segment) : segment;
        return RuleIds.IsValid(id) ? id : null;
    }
}
