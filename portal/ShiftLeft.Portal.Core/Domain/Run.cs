namespace ShiftLeft.Portal.Core.Domain;

/// <summary>One upload: the SARIF and/or evidence of one build of one commit. Unique on (repository, commit, build id).</summary>
public class Run
{
    public long Id { get; set; }
    public long RepositoryId { get; set; }
    public required string Branch { get; set; }
    public required string Commit { get; set; }
    public required string BuildId { get; set; }
    public DateTime ReceivedAt { get; set; }
    public string? ToolName { get; set; }
    public string? ToolVersion { get; set; }
    public bool HasSarif { get; set; }
    public bool HasEvidence { get; set; }

    /// <summary>Whether the evidence gate passed in this build (null when no evidence was uploaded).</summary>
    public bool? GatePassed { get; set; }

    public int ResultCount { get; set; }
    public int NewCount { get; set; }
    public int UnchangedCount { get; set; }
    public int FixedCount { get; set; }
    public int ReintroducedCount { get; set; }
    public int SuppressedCount { get; set; }

    /// <summary>Open findings on this repository and branch right after this run (feeds the trend chart).</summary>
    public int OpenCountAfter { get; set; }

    public long? IngestionTokenId { get; set; }
    public int DurationMs { get; set; }
}
