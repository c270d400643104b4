namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// One upload. The streams are read once, forward only; gzip is detected by its magic bytes.
/// <see cref="SourceRoot"/> (the checkout directory on the build machine, e.g. <c>$GITHUB_WORKSPACE</c>) makes absolute
/// SARIF paths repository-relative; without it the portal strips everything up to the repository's last name segment.
/// </summary>
public sealed class IngestionRequest
{
    public required string Repository { get; init; }
    public required string Commit { get; init; }
    public required string Branch { get; init; }
    public required string BuildId { get; init; }
    public string? SourceRoot { get; init; }

    /// <summary>SARIF logs of this build (e.g. one per project); their results form one run. Empty: evidence-only upload (no finding is marked fixed).</summary>
    public IReadOnlyList<Stream> Sarif { get; init; } = [];

    /// <summary>Evidence reports of this build (one per AI system).</summary>
    public IReadOnlyList<Stream> Evidence { get; init; } = [];

    public long? TokenId { get; init; }
}
