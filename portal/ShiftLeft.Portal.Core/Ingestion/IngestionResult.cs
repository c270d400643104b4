namespace ShiftLeft.Portal.Core.Ingestion;

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
