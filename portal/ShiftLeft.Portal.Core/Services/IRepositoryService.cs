namespace ShiftLeft.Portal.Core.Services;

/// <summary>Repositories list and detail, run history, and the admin's default-branch setting.</summary>
public interface IRepositoryService
{
    Task<PagedResult<RepositorySummaryDto>> ListAsync(RepositoryListQuery query, CancellationToken cancellationToken = default);

    Task<RepositoryDetailDto?> GetAsync(long repositoryId, CancellationToken cancellationToken = default);

    /// <summary>The repository of this name, whatever its case (names are compared by their canonical form).</summary>
    Task<RepositoryDetailDto?> GetByNameAsync(string name, CancellationToken cancellationToken = default);

    Task<PagedResult<RunSummaryDto>> ListRunsAsync(long repositoryId, int page = 1, int pageSize = 25, CancellationToken cancellationToken = default);

    /// <summary>One run (upload) by id, or null.</summary>
    Task<RunSummaryDto?> GetRunAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>Admin only; audited.</summary>
    Task SetDefaultBranchAsync(long repositoryId, string branch, Security.PortalActor actor, CancellationToken cancellationToken = default);
}
