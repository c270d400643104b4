namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// A finding's identity on one repository and branch: unique on (repository, branch, fingerprint). Location, message and
/// state describe its latest sighting; <see cref="FindingOccurrence"/> keeps the per-run history.
/// </summary>
public class Finding
{
    public long Id { get; set; }
    public long RepositoryId { get; set; }
    public required string Branch { get; set; }

    /// <summary>32 hex characters, see docs/portal.md "Fingerprints".</summary>
    public required string Fingerprint { get; set; }

    public required string RuleId { get; set; }
    public FindingSeverity Severity { get; set; }

    /// <summary>OWASP Top 10 for LLM category (e.g. <c>LLM02</c>) of the rule, or null when unmapped.</summary>
    public string? OwaspCategory { get; set; }

    /// <summary>Message with personal data redacted. Render as text, never markup.</summary>
    public required string Message { get; set; }

    /// <summary>Repository-relative path with forward slashes.</summary>
    public required string Path { get; set; }

    public int StartLine { get; set; }
    public int StartColumn { get; set; }
    public int EndLine { get; set; }
    public int EndColumn { get; set; }

    /// <summary>Source snippet from the SARIF region (personal data redacted), when the producer wrote one.</summary>
    public string? Snippet { get; set; }

    /// <summary>
    /// State written with <see cref="LastSeenRunId"/>. <see cref="FindingState.New"/> and <see cref="FindingState.Reintroduced"/>
    /// hold only while that run is the branch's latest; after that the finding is <see cref="FindingState.Unchanged"/> without
    /// its row being rewritten. Read it through <see cref="Services.FindingLifecycle"/>.
    /// </summary>
    public FindingState State { get; set; }

    /// <summary>Suppressed in source (#pragma, SuppressMessage, a DiagnosticSuppressor).</summary>
    public bool IsSuppressed { get; set; }
    public string? SuppressionKind { get; set; }
    public string? SuppressionJustification { get; set; }

    public TriageStatus Triage { get; set; }
    public DateTime? TriageExpiresAt { get; set; }

    /// <summary>Maintained: not fixed, not suppressed, no active triage decision. Indexed for the overview and grids.</summary>
    public bool IsOpen { get; set; }

    /// <summary>
    /// Maintained: <see cref="Branch"/> is the repository's default branch (set at ingestion, rewritten when an admin changes the
    /// default branch). Lets the cross-repository grid read one index instead of joining every finding to its repository.
    /// </summary>
    public bool IsOnDefaultBranch { get; set; }

    public long FirstSeenRunId { get; set; }

    /// <summary>
    /// The run that last wrote this row (first sighting, a change of location / suppression / state, or the run before the one
    /// that fixed it). An open finding was seen by its branch's latest run (<see cref="BranchHead"/>) even when its row was not
    /// rewritten; read the effective value through <see cref="Services.FindingLifecycle"/>. Re-imports leave unchanged rows alone
    /// (on PostgreSQL every rewrite is a new tuple plus index entries).
    /// </summary>
    public long LastSeenRunId { get; set; }

    public DateTime FirstSeenAt { get; set; }

    /// <summary>Time of <see cref="LastSeenRunId"/>; see there.</summary>
    public DateTime LastSeenAt { get; set; }
    public DateTime? FixedAt { get; set; }
    public long? FixedRunId { get; set; }
}
