using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Components.Shared;

/// <summary>Where a rule's documentation lives: the SARIF helpUri when the analyzer gave an https one, else the repo's docs/rules page.</summary>
public static class RuleDocs
{
    public static string Link(string ruleId, string? helpUri)
    {
        if (HttpsLinks.OrNull(helpUri) is { } help) return help;
        if (ruleId.StartsWith("SL", StringComparison.OrdinalIgnoreCase))
            return DocumentationLinks.Rule(Uri.EscapeDataString(ruleId.ToUpperInvariant()));
        // Compiler and .NET analyzer rules: Microsoft's own reference pages.
        return ruleId.StartsWith("CS", StringComparison.OrdinalIgnoreCase)
            ? "https://learn.microsoft.com/dotnet/csharp/misc/" + Uri.EscapeDataString(ruleId.ToLowerInvariant())
            : "https://learn.microsoft.com/dotnet/fundamentals/code-analysis/quality-rules/" + Uri.EscapeDataString(ruleId.ToLowerInvariant());
    }
}
