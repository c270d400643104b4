namespace ShiftLeft.Portal.Core.Domain;

/// <summary>One <c>shiftleft-evidence.json</c> as uploaded with a run (personal data redacted), kept for the audit package.</summary>
public class EvidenceReport
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public long AiSystemId { get; set; }
    public DateTime? GeneratedAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    public bool GatePassed { get; set; }
    public string? GateSeverity { get; set; }
    public string? ToolName { get; set; }
    public string? ToolVersion { get; set; }
    public string? SchemaVersion { get; set; }

    /// <summary>The report as uploaded, re-serialised with personal data redacted.</summary>
    public required string Json { get; set; }

    /// <summary>SHA-256 (hex) of <see cref="Json"/>, listed in the audit package manifest.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The report's <c>evidenceSha256</c> (what a release sign-off signs); null for gates that did not write one.</summary>
    public string? EvidenceSha256 { get; set; }
}
