namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// A human decision. Keyed by repository + fingerprint (not by finding row), so it applies to the same finding on every
/// branch and survives re-import. Decisions are never updated in place: a new one supersedes the previous (history kept).
/// </summary>
public class TriageDecision
{
    public long Id { get; set; }
    public long RepositoryId { get; set; }
    public required string Fingerprint { get; set; }

    /// <summary>The finding row the decision was made on.</summary>
    public long FindingId { get; set; }

    /// <summary><see cref="TriageStatus.None"/> means "reopened".</summary>
    public TriageStatus Status { get; set; }

    public string? Comment { get; set; }

    /// <summary>For accepted risk: who approved it.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>For accepted risk: when the acceptance lapses and the finding reopens.</summary>
    public DateTime? ExpiresAt { get; set; }

    public required string DecidedById { get; set; }
    public required string DecidedByName { get; set; }
    public DateTime DecidedAt { get; set; }

    /// <summary>False once a later decision on the same repository + fingerprint exists.</summary>
    public bool IsCurrent { get; set; }
}
