namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>A rule descriptor from <c>tool.driver.rules</c>.</summary>
internal sealed record SarifRule(string Id, string? Title, string? HelpUri, string? Category);
