namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// A risk acceptance with four eyes: requested by one person, approved (or rejected) by another who holds the approver
/// role. It covers either one finding (repository + fingerprint, like a triage decision) or one evidence requirement of
/// an AI system (an exception the gate reads as a signed record). Approved acceptances lapse after <see cref="Expires"/>.
/// The row changes only while pending; every step is in the audit log.
/// </summary>
public class RiskAcceptance
{
    public long Id { get; set; }
    public RiskAcceptanceScope Scope { get; set; }
    public long RepositoryId { get; set; }

    /// <summary>Finding scope: the finding's identity in its repository, the row the request was made on, and its rule.</summary>
    public string? Fingerprint { get; set; }
    public long? FindingId { get; set; }
    public string? RuleId { get; set; }

    /// <summary>Requirement scope: the AI system and the artifact kind waived (e.g. <c>redTeam</c>).</summary>
    public long? AiSystemId { get; set; }
    public string? SystemName { get; set; }
    public string? Requirement { get; set; }

    /// <summary>Why the risk is acceptable (personal data redacted).</summary>
    public required string Reason { get; set; }

    /// <summary>Risk-register ids, space-separated (<see cref="Services.Governance.RiskIds"/>).</summary>
    public string? Risks { get; set; }

    /// <summary>Last day (UTC, inclusive) the acceptance applies.</summary>
    public DateOnly Expires { get; set; }

    public RiskAcceptanceStatus Status { get; set; }

    public required string RequestedById { get; set; }

    /// <summary>The requester as exported records name people: display name and e-mail.</summary>
    public required string RequestedByName { get; set; }
    public DateTime RequestedAt { get; set; }

    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }

    /// <summary>When it was approved or rejected, UTC, whole seconds (the exported record's approvedAt).</summary>
    public DateTime? DecidedAt { get; set; }
    public string? DecisionComment { get; set; }

    /// <summary>Requirement scope, approved: the portal key that signed the exported record, and the signature (base64).</summary>
    public string? KeyId { get; set; }
    public string? Signature { get; set; }
}

/// <summary>What a risk acceptance covers.</summary>
public enum RiskAcceptanceScope
{
    /// <summary>One finding (on every branch of its repository).</summary>
    Finding = 0,

    /// <summary>One evidence requirement of an AI system (an exception to the evidence gate).</summary>
    Requirement = 1,
}

/// <summary>Where a risk acceptance stands. Expiry is not a status: an approved acceptance whose <see cref="RiskAcceptance.Expires"/> has passed has lapsed.</summary>
public enum RiskAcceptanceStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}
