namespace ShiftLeft.Portal.Components.Shared;

/// <summary>Where a rule's documentation lives: the SARIF helpUri when the analyzer gave one, else the repo's docs/rules page.</summary>
public static class RuleDocs
{
    public static string Link(string ruleId, string? helpUri)
    {
        if (Uri.TryCreate(helpUri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            return uri.ToString();
        if (ruleId.StartsWith("SL", StringComparison.OrdinalIgnoreCase))
            return DocumentationLinks.Rule(Uri.EscapeDataString(ruleId.ToUpperInvariant()));
        // Compiler and .NET analyzer rules: Microsoft's own reference pages.
        return ruleId.StartsWith("CS", StringComparison.OrdinalIgnoreCase)
            ? "https://learn.microsoft.com/dotnet/csharp/misc/" + Uri.EscapeDataString(ruleId.ToLowerInvariant())
            : "https://learn.microsoft.com/dotnet/fundamentals/code-analysis/quality-rules/" + Uri.EscapeDataString(ruleId.ToLowerInvariant());
    }
}
