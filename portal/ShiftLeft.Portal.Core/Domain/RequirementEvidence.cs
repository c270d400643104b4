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
    public string? CertifiedModelId { get; set; }
    public string? CertifiedPromptHash { get; set; }
    public string? ExceptionReason { get; set; }
    public string? ExceptionApprovedBy { get; set; }
    public DateTime? ExceptionExpires { get; set; }

    /// <summary>The report's messages, one per line, personal data redacted.</summary>
    public string? Messages { get; set; }
}
