namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// What one repository's uploads say about a rule that is not ShiftLeft's (from SARIF <c>tool.driver.rules</c>): shown
/// and exported only with that repository's findings. ShiftLeft's own rules are described by the portal's catalogue
/// (<see cref="RuleMetadata"/>) and never stored here.
/// </summary>
public class RepositoryRule
{
    public long RepositoryId { get; set; }
    public required string RuleId { get; set; }
    public string? Title { get; set; }

    /// <summary>Stored only when it is an absolute https URL without credentials.</summary>
    public string? HelpUri { get; set; }

    public string? Category { get; set; }
}
