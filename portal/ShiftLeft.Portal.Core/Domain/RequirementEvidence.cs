namespace ShiftLeft.Portal.Core.Domain;

/// <summary>One requirement (evaluation, model card, risk assessment, …) of an AI system, as one evidence report states it.</summary>
public class RequirementEvidence
{
    public long Id { get; set; }
    public long AiSystemId { get; set; }
    public long EvidenceReportId { get; set; }
    public required string Kind { get; set; }
    public EvidenceStatus Status { get; set; }
    public string? Path { get; set; }
    public string? Sha256 { get; set; }
    public DateTime? LastModified { get; set; }
    public double? AgeDays { get; set; }

    /// <summary>Where the date <see cref="AgeDays"/> counts from came from: content, commit, fileTime or unknown.</summary>
    public string? DateSource { get; set; }

    /// <summary>Why the file time or no date was used (personal data redacted).</summary>
    public string? DateNote { get; set; }

    /// <summary>The instant <see cref="AgeDays"/> counts from.</summary>
    public DateTime? DatedAt { get; set; }

    public string? CertifiedModelId { get; set; }
    public string? CertifiedPromptHash { get; set; }

    /// <summary>Who certified model id and prompt hash with ShiftLeftStampEvidence, personal data redacted ("Jane Doe &lt;[email]&gt;").</summary>
    public string? StampedBy { get; set; }

    public DateTime? StampedAt { get; set; }

    /// <summary>For an aieval report: the execution the gate read (the others are listed in the stored report).</summary>
    public string? ExecutionName { get; set; }
    public string? ExceptionReason { get; set; }
    public string? ExceptionApprovedBy { get; set; }
    public DateTime? ExceptionExpires { get; set; }

    /// <summary>The report's messages, one per line, personal data redacted.</summary>
    public string? Messages { get; set; }
}
