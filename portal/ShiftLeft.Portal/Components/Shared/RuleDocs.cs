namespace ShiftLeft.Portal.Components.Shared;

/// <summary>Where a rule's documentation is: the portal's own page for it, which renders ShiftLeft's docs or links the analyzer's https helpUri.</summary>
public static class RuleDocs
{
    public static string Link(string ruleId) => "rules/" + Uri.EscapeDataString(ruleId).Replace("%2F", "/", StringComparison.Ordinal);
}
