using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

internal sealed class RepositoryService(IDbContextFactory<PortalDbContext> factory, IAiSystemService aiSystems, TimeProvider clock) : IRepositoryService
{
    public async Task<PagedResult<RepositorySummaryDto>> ListAsync(RepositoryListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var repositories = db.Repositories.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var needle = query.Search.Trim().ToLowerInvariant();
            repositories = repositories.Where(r => r.CanonicalName.Contains(needle));
        }

        var rows = from r in repositories
                   select new
                   {
                       r.Id,
                       r.Name,
                       r.DefaultBranch,
                       r.LastRunAt,
                       Open = db.RepositoryRuleStats.Where(s => s.RepositoryId == r.Id).Sum(s => (int?)s.OpenCount) ?? 0,
                       Errors = db.RepositoryRuleStats.Where(s => s.RepositoryId == r.Id && s.Severity == FindingSeverity.Error).Sum(s => (int?)s.OpenCount) ?? 0,
                       Warnings = db.RepositoryRuleStats.Where(s => s.RepositoryId == r.Id && s.Severity == FindingSeverity.Warning).Sum(s => (int?)s.OpenCount) ?? 0,
                       Ai = db.AiSystems.Count(a => a.RepositoryId == r.Id),
                       Gate = db.Runs.Where(x => x.RepositoryId == r.Id && x.GatePassed != null).OrderByDescending(x => x.Id).Select(x => x.GatePassed).FirstOrDefault(),
                   };
        rows = (query.Sort, query.Descending) switch
        {
            (RepositorySort.OpenFindings, false) => rows.OrderBy(x => x.Open).ThenBy(x => x.Name),
            (RepositorySort.OpenFindings, true) => rows.OrderByDescending(x => x.Open).ThenBy(x => x.Name),
            (RepositorySort.LastRun, false) => rows.OrderBy(x => x.LastRunAt).ThenBy(x => x.Name),
            (RepositorySort.LastRun, true) => rows.OrderByDescending(x => x.LastRunAt).ThenBy(x => x.Name),
            (RepositorySort.AiSystems, false) => rows.OrderBy(x => x.Ai).ThenBy(x => x.Name),
            (RepositorySort.AiSystems, true) => rows.OrderByDescending(x => x.Ai).ThenBy(x => x.Name),
            (_, true) => rows.OrderByDescending(x => x.Name),
            _ => rows.OrderBy(x => x.Name),
        };
        var total = await repositories.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await rows.Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PagedResult<RepositorySummaryDto>(
            items.Select(x => new RepositorySummaryDto(x.Id, x.Name, x.DefaultBranch, x.Open, x.Errors, x.Warnings, x.Ai, x.LastRunAt, x.Gate)).ToList(),
            total, page, size);
    }

    public async Task<RepositoryDetailDto?> GetAsync(long repositoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var repository = await db.Repositories.AsNoTracking().FirstOrDefaultAsync(r => r.Id == repositoryId, cancellationToken).ConfigureAwait(false);
        return repository is null ? null : await DetailAsync(db, repository, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RepositoryDetailDto?> GetByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var canonical = RepositoryNames.Canonical(name);
        var repository = await db.Repositories.AsNoTracking().FirstOrDefaultAsync(r => r.CanonicalName == canonical, cancellationToken).ConfigureAwait(false);
        return repository is null ? null : await DetailAsync(db, repository, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PagedResult<RunSummaryDto>> ListRunsAsync(long repositoryId, int page = 1, int pageSize = 25, CancellationToken cancellationToken = default)
    {
        var (number, size) = Paging.Normalize(page, pageSize);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var runs = db.Runs.AsNoTracking().Where(r => r.RepositoryId == repositoryId);
        var total = await runs.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await Summaries(runs.OrderByDescending(r => r.Id).Skip((number - 1) * size).Take(size)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PagedResult<RunSummaryDto>(items, total, number, size);
    }

    public async Task<RunSummaryDto?> GetRunAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await Summaries(db.Runs.AsNoTracking().Where(r => r.Id == runId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IQueryable<RunSummaryDto> Summaries(IQueryable<Run> runs) =>
        runs.Select(r => new RunSummaryDto(r.Id, r.RepositoryId, r.Branch, r.Commit, r.BuildId, r.ReceivedAt, r.HasSarif, r.HasEvidence, r.GatePassed,
            r.ResultCount, r.NewCount, r.UnchangedCount, r.FixedCount, r.ReintroducedCount, r.SuppressedCount, r.OpenCountAfter));

    public async Task SetDefaultBranchAsync(long repositoryId, string branch, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandAdmin();
        if (string.IsNullOrWhiteSpace(branch) || branch.Length > 200 || branch.Any(char.IsControl))
            throw new PortalValidationException("A branch name of 1-200 characters without control characters is required.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var repository = await db.Repositories.FirstOrDefaultAsync(r => r.Id == repositoryId, cancellationToken).ConfigureAwait(false)
            ?? throw new PortalNotFoundException($"Repository {repositoryId} does not exist.");
        var before = repository.DefaultBranch;
        repository.DefaultBranch = branch.Trim();
        AuditWriter.Add(db, actor, AuditActions.RepositoryDefaultBranchChanged, "repository", repositoryId.ToString(CultureInfo.InvariantCulture),
            new { defaultBranch = before }, new { defaultBranch = repository.DefaultBranch }, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var defaultBranch = repository.DefaultBranch;
        await db.Findings.Where(f => f.RepositoryId == repositoryId && f.IsOnDefaultBranch != (f.Branch == defaultBranch))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.IsOnDefaultBranch, f => f.Branch == defaultBranch), cancellationToken).ConfigureAwait(false);
        await RepositoryStats.RecomputeAsync(db, repositoryId, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<RepositoryDetailDto> DetailAsync(PortalDbContext db, Repository repository, CancellationToken cancellationToken)
    {
        var branches = await db.Runs.AsNoTracking().Where(r => r.RepositoryId == repository.Id).Select(r => r.Branch).Distinct().OrderBy(b => b)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var bySeverity = await db.RepositoryRuleStats.AsNoTracking().Where(s => s.RepositoryId == repository.Id)
            .GroupBy(s => s.Severity).Select(g => new SeverityCount(g.Key, g.Sum(s => s.OpenCount)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var runCount = await db.Runs.CountAsync(r => r.RepositoryId == repository.Id, cancellationToken).ConfigureAwait(false);
        var systems = await aiSystems.ListAsync(new AiSystemListQuery(RepositoryId: repository.Id, PageSize: Paging.MaxPageSize), cancellationToken).ConfigureAwait(false);
        return new RepositoryDetailDto(repository.Id, repository.Name, repository.DefaultBranch, branches, bySeverity.Sum(s => s.Count),
            bySeverity.OrderByDescending(s => s.Severity).ToList(), runCount, repository.CreatedAt, repository.LastRunAt, systems.Items);
    }
}
