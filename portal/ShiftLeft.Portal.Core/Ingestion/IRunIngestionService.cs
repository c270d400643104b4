namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// Stores one upload (SARIF and/or evidence report) in one transaction: whole or not at all. Idempotent on
/// (repository, commit, build id): a repeated upload returns the stored run's summary with <see cref="IngestionResult.Replayed"/>.
/// </summary>
public interface IRunIngestionService
{
    /// <exception cref="IngestionException">The input is malformed or too large; nothing was stored.</exception>
    Task<IngestionResult> IngestAsync(IngestionRequest request, CancellationToken cancellationToken = default);
}

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

/// <summary>The run's summary. Counts: see docs/portal.md "Lifecycle".</summary>
public sealed record IngestionResult(
    long RunId,
    long RepositoryId,
    string Repository,
    string Branch,
    string Commit,
    string BuildId,
    bool Replayed,
    int Results,
    int New,
    int Unchanged,
    int Fixed,
    int Reintroduced,
    int Suppressed,
    int OpenAfter,
    IReadOnlyList<string> AiSystems,
    bool? GatePassed,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Why an upload was refused. Maps to an RFC 7807 problem (400 or 413) whose <c>detail</c> is the message and whose
/// <c>field</c> and <c>resultIndex</c> members say where, when known.
/// </summary>
public sealed class IngestionException(IngestionErrorKind kind, string detail) : Exception(detail)
{
    public IngestionErrorKind Kind { get; } = kind;

    /// <summary>The offending field: an upload field (<c>repository</c>), a SARIF property path relative to its result
    /// (<c>ruleId</c>, <c>locations[0].physicalLocation.artifactLocation.uri</c>) or of the log (<c>runs[0].tool.driver.name</c>),
    /// or an evidence-report JSON path (<c>$.system.name</c>).</summary>
    public string? Field { get; init; }

    /// <summary>0-based index of the offending SARIF result over the whole upload, when a result is at fault.</summary>
    public int? ResultIndex { get; init; }
}

public enum IngestionErrorKind
{
    /// <summary>400: not SARIF 2.1.0 as expected.</summary>
    MalformedSarif,
    /// <summary>400: the evidence report does not match its contract.</summary>
    MalformedEvidence,
    /// <summary>400: repository / commit / branch / build id missing or invalid.</summary>
    InvalidMetadata,
    /// <summary>413: over a configured size limit.</summary>
    TooLarge,
}
