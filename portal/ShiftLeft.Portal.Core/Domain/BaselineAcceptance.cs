namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// An evidence report accepted in the portal as an AI system's baseline for regression rules. Append-only: accepting
/// another report adds a row; the latest on the repository's default branch is the one the gate is given.
/// </summary>
public class BaselineAcceptance
{
    public long Id { get; set; }
    public long AiSystemId { get; set; }
    public long EvidenceReportId { get; set; }
    public required string Branch { get; set; }
    public required string Commit { get; set; }
    public required string AcceptedById { get; set; }

    /// <summary>Display name and e-mail (the baseline file's acceptedBy).</summary>
    public required string AcceptedBy { get; set; }
    public DateTime AcceptedAt { get; set; }
}
