namespace ShiftLeft.Portal.Core.Services;

/// <summary>Repositories list and detail, run history, and the admin's default-branch setting.</summary>
public interface IRepositoryService
{
    Task<PagedResult<RepositorySummaryDto>> ListAsync(RepositoryListQuery query, CancellationToken cancellationToken = default);

    Task<RepositoryDetailDto?> GetAsync(long repositoryId, CancellationToken cancellationToken = default);

    /// <summary>The repository of this name, whatever its case (names are compared by their canonical form).</summary>
    Task<RepositoryDetailDto?> GetByNameAsync(string name, CancellationToken cancellationToken = default);

    Task<PagedResult<RunSummaryDto>> ListRunsAsync(long repositoryId, int page = 1, int pageSize = 25, CancellationToken cancellationToken = default);

    /// <summary>Admin only; audited.</summary>
    Task SetDefaultBranchAsync(long repositoryId, string branch, Security.PortalActor actor, CancellationToken cancellationToken = default);
}

public enum RepositorySort
{
    Name,
    OpenFindings,
    LastRun,
    AiSystems,
}

/// <summary><see cref="Search"/> matches a substring of the name (case-insensitive).</summary>
public sealed record RepositoryListQuery(string? Search = null, RepositorySort Sort = RepositorySort.Name, bool Descending = false, int Page = 1, int PageSize = 25);

public sealed record RepositorySummaryDto(
    long Id,
    string Name,
    string DefaultBranch,
    int OpenFindings,
    int OpenErrors,
    int OpenWarnings,
    int AiSystemCount,
    DateTime? LastRunAt,
    bool? LastGatePassed);

public sealed record RepositoryDetailDto(
    long Id,
    string Name,
    string DefaultBranch,
    IReadOnlyList<string> Branches,
    int OpenFindings,
    IReadOnlyList<SeverityCount> OpenBySeverity,
    int RunCount,
    DateTime CreatedAt,
    DateTime? LastRunAt,
    IReadOnlyList<AiSystemSummaryDto> AiSystems);

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
