namespace ShiftLeft.Portal.Core.Services;

public sealed record RunSummaryDto(
    long Id,
    long RepositoryId,
    string Branch,
    string Commit,
    string BuildId,
    DateTime ReceivedAt,
    bool HasSarif,
    bool HasEvidence,
    bool? GatePassed,
    int ResultCount,
    int NewCount,
    int UnchangedCount,
    int FixedCount,
    int ReintroducedCount,
    int SuppressedCount,
    int OpenCountAfter);
