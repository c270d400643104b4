using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

internal sealed class FindingQueryService(IDbContextFactory<PortalDbContext> factory) : IFindingQueryService
{
    public async Task<PagedResult<FindingListItemDto>> SearchAsync(FindingFilter filter, FindingPageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var (number, size) = Paging.Normalize(page.Page, page.PageSize);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = FindingQueries.Apply(db, filter);
        var (total, isLowerBound) = await FindingCounts.CountAsync(db, filter, query, cancellationToken).ConfigureAwait(false);
        var items = await (from x in FindingQueries.Sort(db, query, page.Sort, page.Descending).Skip((number - 1) * size).Take(size).Effective(db)
                           join r in db.Repositories on x.Finding.RepositoryId equals r.Id
                           let f = x.Finding
                           select new FindingListItemDto(f.Id, f.RepositoryId, r.Name, f.Branch, f.RuleId, f.Severity, f.Message, f.Path, f.StartLine,
                               x.State, f.IsSuppressed, f.Triage, f.IsOpen, f.FirstSeenAt, x.LastSeenAt, f.Fingerprint))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PagedResult<FindingListItemDto>(items, total, number, size) { TotalIsLowerBound = isLowerBound };
    }

    public async Task<FindingDetailDto?> GetAsync(long findingId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var effective = await db.Findings.AsNoTracking().Where(x => x.Id == findingId).Effective(db).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (effective is null) return null;
        var f = effective.Finding;
        var repository = await db.Repositories.AsNoTracking().Where(r => r.Id == f.RepositoryId).Select(r => r.Name).FirstAsync(cancellationToken).ConfigureAwait(false);
        var rule = await db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == f.RuleId, cancellationToken).ConfigureAwait(false);
        var history = await (from o in db.FindingOccurrences.AsNoTracking()
                             join run in db.Runs on o.RunId equals run.Id
                             where o.FindingId == findingId
                             orderby run.Id descending
                             select new FindingHistoryItemDto(run.Id, run.Commit, run.BuildId, run.ReceivedAt, o.State, o.StartLine, o.IsSuppressed))
            .Take(500).ToListAsync(cancellationToken).ConfigureAwait(false);
        var triage = await db.TriageDecisions.AsNoTracking()
            .Where(t => t.RepositoryId == f.RepositoryId && t.Fingerprint == f.Fingerprint)
            .OrderByDescending(t => t.Id)
            .Select(t => new TriageDecisionDto(t.Id, t.Status, t.Comment, t.ApprovedBy, t.ExpiresAt, t.DecidedByName, t.DecidedAt, t.IsCurrent))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new FindingDetailDto(f.Id, f.RepositoryId, repository, f.Branch, f.Fingerprint, f.RuleId, rule?.Title, HttpsLinks.OrNull(rule?.HelpUri), f.OwaspCategory,
            f.Severity, f.Message, f.Path, f.StartLine, f.StartColumn, f.EndLine, f.EndColumn, f.Snippet, effective.State, f.IsSuppressed, f.SuppressionKind,
            f.SuppressionJustification, f.Triage, f.TriageExpiresAt, f.IsOpen, f.FirstSeenAt, effective.LastSeenAt, f.FixedAt, history, triage);
    }

    public async Task<IReadOnlyList<string>> ListRuleIdsAsync(long? repositoryId = null, RuleScope scope = RuleScope.All, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // Every rule ever reported is in the Rules table (upserted at ingestion): far cheaper than DISTINCT over all findings.
        var ids = repositoryId is { } id
            ? await db.Findings.AsNoTracking().Where(f => f.RepositoryId == id).Select(f => f.RuleId).Distinct().OrderBy(r => r).ToListAsync(cancellationToken).ConfigureAwait(false)
            : await db.Rules.AsNoTracking().Select(r => r.Id).OrderBy(r => r).ToListAsync(cancellationToken).ConfigureAwait(false);
        return scope == RuleScope.ShiftLeft ? ids.Where(RuleDocumentation.IsShiftLeftRule).ToList() : ids;
    }

    public async Task<RuleInfoDto?> GetRuleAsync(string ruleId, CancellationToken cancellationToken = default)
    {
        if (!RuleIds.IsValid(ruleId)) return null;
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rule = await db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken).ConfigureAwait(false);
        return rule is null ? null : new RuleInfoDto(rule.Id, rule.Title, HttpsLinks.OrNull(rule.HelpUri), rule.Category, rule.OwaspCategory);
    }
}
