namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// A rule descriptor from <c>tool.driver.rules</c>; <see cref="OwaspCategory"/> is the rule's primary OWASP LLM 2025
/// category from its tags (<c>external/owasp-llm-2025/LLM01</c> → LLM01), or null.
/// </summary>
internal sealed record SarifRule(string Id, string? Title, string? HelpUri, string? Category, string? OwaspCategory = null);
