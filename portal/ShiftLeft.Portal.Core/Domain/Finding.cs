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

    public FindingState State { get; set; }

    /// <summary>Suppressed in source (#pragma, SuppressMessage, a DiagnosticSuppressor).</summary>
    public bool IsSuppressed { get; set; }
    public string? SuppressionKind { get; set; }
    public string? SuppressionJustification { get; set; }

    public TriageStatus Triage { get; set; }
    public DateTime? TriageExpiresAt { get; set; }

    /// <summary>Maintained: not fixed, not suppressed, no active triage decision. Indexed for the overview and grids.</summary>
    public bool IsOpen { get; set; }

    public long FirstSeenRunId { get; set; }
    public long LastSeenRunId { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? FixedAt { get; set; }
    public long? FixedRunId { get; set; }
}
