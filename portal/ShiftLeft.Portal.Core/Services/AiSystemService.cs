using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

internal sealed class AiSystemService(IDbContextFactory<PortalDbContext> factory, TimeProvider clock) : IAiSystemService
{
    public async Task<PagedResult<AiSystemSummaryDto>> ListAsync(AiSystemListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var systems = db.AiSystems.AsNoTracking();
        if (query.RepositoryId is { } repositoryId) systems = systems.Where(a => a.RepositoryId == repositoryId);
        if (!string.IsNullOrWhiteSpace(query.RiskTier)) systems = systems.Where(a => a.RiskTier == query.RiskTier);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var needle = query.Search.Trim().ToLowerInvariant();
            systems = systems.Where(a => a.Name.ToLower().Contains(needle) || (a.Owner != null && a.Owner.ToLower().Contains(needle)));
        }

        var total = await systems.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await Summaries(db, systems.OrderBy(a => a.Name).ThenBy(a => a.Id).Skip((page - 1) * size).Take(size), clock.GetUtcNow().UtcDateTime)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PagedResult<AiSystemSummaryDto>(items, total, page, size);
    }

    public async Task<AiSystemDetailDto?> GetAsync(long aiSystemId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var system = await db.AiSystems.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aiSystemId, cancellationToken).ConfigureAwait(false);
        if (system is null) return null;
        var summary = await Summaries(db, db.AiSystems.AsNoTracking().Where(a => a.Id == aiSystemId), now).FirstAsync(cancellationToken).ConfigureAwait(false);
        var requirements = await db.RequirementEvidence.AsNoTracking().Where(r => r.EvidenceReportId == system.LastReportId).OrderBy(r => r.Kind)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var metrics = await db.MetricResults.AsNoTracking().Where(m => m.EvidenceReportId == system.LastReportId).OrderBy(m => m.Name).ThenBy(m => m.Kind)
            .Select(m => new MetricResultDto(m.Name, m.Kind, m.Value, m.Threshold, m.Passed, m.Source)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var reports = await (from e in db.EvidenceReports.AsNoTracking()
                             join run in db.Runs on e.RunId equals run.Id
                             where e.AiSystemId == aiSystemId
                             orderby e.Id descending
                             select new EvidenceReportSummaryDto(e.Id, e.RunId, run.Commit, e.ReceivedAt, e.GeneratedAt, e.GatePassed, e.GateSeverity))
            .Take(100).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AiSystemDetailDto(summary, system.Project, system.PromptHash, system.LastCommit,
            requirements.Select(r => ToDto(r, now)).ToList(), metrics, reports);
    }

    internal static RequirementEvidenceDto ToDto(RequirementEvidence r, DateTime now) => new(
        r.Kind, r.Status, r.Path, r.Sha256, r.LastModified, r.AgeDays, r.DateSource, r.DateNote, r.DatedAt, r.CertifiedModelId, r.CertifiedPromptHash,
        r.StampedBy, r.StampedAt, r.ExecutionName, r.ExceptionReason, r.ExceptionApprovedBy,
        r.ExceptionExpires, r.ExceptionExpires is { } expires && expires <= now,
        string.IsNullOrEmpty(r.Messages) ? [] : r.Messages.Split('\n'));

    private static IQueryable<AiSystemSummaryDto> Summaries(PortalDbContext db, IQueryable<AiSystem> systems, DateTime now) =>
        from a in systems
        join repo in db.Repositories on a.RepositoryId equals repo.Id
        let count = db.RequirementEvidence.Count(r => r.EvidenceReportId == a.LastReportId)
        let satisfied = db.RequirementEvidence.Count(r => r.EvidenceReportId == a.LastReportId &&
            (r.Status == EvidenceStatus.Present || (r.Status == EvidenceStatus.Excepted && (r.ExceptionExpires == null || r.ExceptionExpires > now))))
        let exceptions = db.RequirementEvidence.Count(r => r.EvidenceReportId == a.LastReportId && r.Status == EvidenceStatus.Excepted &&
            (r.ExceptionExpires == null || r.ExceptionExpires > now))
        select new AiSystemSummaryDto(a.Id, a.RepositoryId, repo.Name, a.Name, a.Owner, a.RiskTier, a.ModelId, a.LastGatePassed, a.LastReportAt,
            count, satisfied, exceptions, a.LastGatePassed == true && satisfied == count);
}
