namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// Open findings of a repository's default branch grouped by rule and severity, recomputed after every ingestion and
/// triage of that repository, so the overview reads hundreds of rows instead of scanning a million findings.
/// </summary>
public class RepositoryRuleStat
{
    public long RepositoryId { get; set; }
    public required string RuleId { get; set; }
    public FindingSeverity Severity { get; set; }
    public string? OwaspCategory { get; set; }
    public int OpenCount { get; set; }
}
