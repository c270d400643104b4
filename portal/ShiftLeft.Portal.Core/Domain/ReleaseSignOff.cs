namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// A release sign-off: a reviewer with the approver role signed the evidence report of one commit of an AI system. The
/// row is exactly the exported record (docs/schema/shiftleft-signoff.schema.json) with its signature; it is append-only
/// (the database refuses UPDATE and DELETE, see <see cref="Data.AppendOnlyTables"/>).
/// </summary>
public class ReleaseSignOff
{
    public long Id { get; set; }
    public long RepositoryId { get; set; }
    public long AiSystemId { get; set; }
    public long EvidenceReportId { get; set; }
    public required string SystemName { get; set; }
    public required string Commit { get; set; }

    /// <summary>The report's evidenceSha256: what the gate compares with the evidence it builds.</summary>
    public required string EvidenceSha256 { get; set; }
    public required string SignerId { get; set; }

    /// <summary>The signer as signed: display name and e-mail.</summary>
    public required string Signer { get; set; }

    /// <summary>UTC, whole seconds (the record's signedAt).</summary>
    public DateTime SignedAt { get; set; }
    public required string Comment { get; set; }
    public required string KeyId { get; set; }
    public required string Signature { get; set; }
}
