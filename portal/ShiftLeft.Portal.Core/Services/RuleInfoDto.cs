namespace ShiftLeft.Portal.Core.Services;

/// <summary>What uploads said about a rule (its SARIF descriptor). <see cref="HelpUri"/> is set only when it is an https URL.</summary>
public sealed record RuleInfoDto(string Id, string? Title, string? HelpUri, string? Category, string? OwaspCategory);
