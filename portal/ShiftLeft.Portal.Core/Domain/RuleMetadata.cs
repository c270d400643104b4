namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// A rule's title, help link and category as the portal shows and exports them. ShiftLeft's own rules take them from
/// the embedded catalogue only (docs/rules/&lt;ID&gt;.md; the help link is the published page), whatever an upload
/// claims; any other rule takes them from what the finding's own repository uploaded.
/// </summary>
public sealed record RuleMetadata(string? Title, string? HelpUri, string? Category)
{
    private static readonly RuleMetadata None = new(null, null, null);

    public static RuleMetadata For(string ruleId, RepositoryRule? uploaded) =>
        RuleDocumentation.Describe(ruleId)
        ?? (uploaded is null ? None : new RuleMetadata(uploaded.Title, Security.HttpsLinks.OrNull(uploaded.HelpUri), uploaded.Category));
}
