namespace ShiftLeft.Portal.Components.Shared;

/// <summary>Where a rule's documentation lives: the SARIF helpUri when the analyzer gave one, else the repo's docs/rules page.</summary>
public static class RuleDocs
{
    /// <summary>Base of docs/rules/&lt;ID&gt;.md for ShiftLeft rules without a helpUri (the analyzers set helpLinkUri to the same page).</summary>
    public const string ShiftLeftRulesBase = "https://example.invalid/shiftleft/blob/main/docs/rules/";

    public static string Link(string ruleId, string? helpUri)
    {
        if (Uri.TryCreate(helpUri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            return uri.ToString();
        if (ruleId.StartsWith("SL", StringComparison.OrdinalIgnoreCase))
            return ShiftLeftRulesBase + Uri.EscapeDataString(ruleId.ToUpperInvariant()) + ".md";
        // Compiler and .NET analyzer rules: Microsoft's own reference pages.
        return ruleId.StartsWith("CS", StringComparison.OrdinalIgnoreCase)
            ? "https://learn.microsoft.com/dotnet/csharp/misc/" + Uri.EscapeDataString(ruleId.ToLowerInvariant())
            : "https://learn.microsoft.com/dotnet/fundamentals/code-analysis/quality-rules/" + Uri.EscapeDataString(ruleId.ToLowerInvariant());
    }
}
