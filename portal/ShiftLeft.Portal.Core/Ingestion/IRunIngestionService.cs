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
