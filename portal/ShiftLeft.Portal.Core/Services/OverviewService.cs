using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// Reads pre-aggregated <see cref="RepositoryRuleStat"/> rows for the breakdowns (hundreds of rows, not a million findings)
/// and per-run snapshots (<see cref="Run.OpenCountAfter"/>) for the trend. KPI definitions: docs/portal.md "KPIs".
/// </summary>
internal sealed partial class OverviewService(IDbContextFactory<PortalDbContext> factory, TimeProvider clock, ILogger<OverviewService> logger) : IOverviewService
{
    public async Task<OverviewDto> GetOverviewAsync(OverviewQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow().UtcDateTime;
        var days = Math.Clamp(query.TrendDays, 1, 730);
        var windowStart = now.Date.AddDays(-(days - 1));
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var stats = db.RepositoryRuleStats.AsNoTracking();
        var repositories = db.Repositories.AsNoTracking();
        var systems = db.AiSystems.AsNoTracking();
        var runs = db.Runs.AsNoTracking();
        if (query.RepositoryId is { } repositoryId)
        {
            stats = stats.Where(s => s.RepositoryId == repositoryId);
            repositories = repositories.Where(r => r.Id == repositoryId);
            systems = systems.Where(a => a.RepositoryId == repositoryId);
            runs = runs.Where(r => r.RepositoryId == repositoryId);
        }

        var findings = db.Findings.AsNoTracking();
        if (query.RuleScope == RuleScope.ShiftLeft)
        {
            var shiftLeft = RuleDocumentation.ShiftLeftRuleIds;
            stats = stats.Where(s => shiftLeft.Contains(s.RuleId));
            findings = findings.Where(f => shiftLeft.Contains(f.RuleId));
        }

        var statRows = await stats.Select(s => new { s.RuleId, s.Severity, s.OwaspCategory, s.OpenCount }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var open = statRows.Sum(s => s.OpenCount);
        var bySeverity = statRows.GroupBy(s => s.Severity).Select(g => new SeverityCount(g.Key, g.Sum(s => s.OpenCount)))
            .OrderByDescending(s => s.Severity).ToList();
        var byRule = statRows.GroupBy(s => s.RuleId).Select(g => new KeyCount(g.Key, g.Sum(s => s.OpenCount)))
            .OrderByDescending(k => k.Count).ThenBy(k => k.Key, StringComparer.Ordinal).ToList();
        var byOwasp = statRows.Where(s => s.OwaspCategory != null).GroupBy(s => s.OwaspCategory!).Select(g => new KeyCount(g.Key, g.Sum(s => s.OpenCount)))
            .OrderBy(k => k.Key, StringComparer.Ordinal).ToList();

        var trend = await TrendAsync(db, repositories, windowStart, days, open, cancellationToken).ConfigureAwait(false);
        var kpis = await KpisAsync(db, findings, repositories, systems, runs, windowStart, now, cancellationToken).ConfigureAwait(false);
        var repositoryCount = await repositories.CountAsync(cancellationToken).ConfigureAwait(false);
        var systemCount = await systems.CountAsync(cancellationToken).ConfigureAwait(false);
        var runCount = await runs.CountAsync(cancellationToken).ConfigureAwait(false);
        var lastRun = await runs.MaxAsync(r => (DateTime?)r.ReceivedAt, cancellationToken).ConfigureAwait(false);
        var anyToken = await db.IngestionTokens.AnyAsync(cancellationToken).ConfigureAwait(false);
        Computed(logger, query.TrendDays, query.RuleScope, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new OverviewDto(open, bySeverity, byRule, byOwasp, trend, kpis, repositoryCount, systemCount, runCount, lastRun, anyToken);
    }

    private static async Task<IReadOnlyList<TrendPoint>> TrendAsync(
        PortalDbContext db, IQueryable<Repository> repositories, DateTime windowStart, int days, int openNow, CancellationToken cancellationToken)
    {
        var defaultBranchRuns = from run in db.Runs.AsNoTracking()
                                join r in repositories on run.RepositoryId equals r.Id
                                where run.Branch == r.DefaultBranch && run.HasSarif
                                select run;
        // Each repository's level when the window opens, then every change inside the window.
        var baseline = await defaultBranchRuns.Where(run => run.ReceivedAt < windowStart)
            .GroupBy(run => run.RepositoryId)
            .Select(g => g.OrderByDescending(run => run.Id).Select(run => new { run.RepositoryId, run.OpenCountAfter }).First())
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var changes = await defaultBranchRuns.Where(run => run.ReceivedAt >= windowStart).OrderBy(run => run.Id)
            .Select(run => new { run.RepositoryId, run.ReceivedAt, run.OpenCountAfter })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var level = baseline.ToDictionary(b => b.RepositoryId, b => b.OpenCountAfter);
        var total = level.Values.Sum();
        var points = new List<TrendPoint>(days);
        var next = 0;
        for (var day = 0; day < days; day++)
        {
            var end = windowStart.AddDays(day + 1);
            for (; next < changes.Count && changes[next].ReceivedAt < end; next++)
            {
                var change = changes[next];
                total += change.OpenCountAfter - level.GetValueOrDefault(change.RepositoryId);
                level[change.RepositoryId] = change.OpenCountAfter;
            }

            points.Add(new TrendPoint(DateOnly.FromDateTime(windowStart.AddDays(day)), total));
        }

        // Triage between uploads changes today's number without a run; today shows the live count.
        if (points.Count > 0) points[^1] = points[^1] with { OpenFindings = openNow };
        return points;
    }

    private static async Task<PortalKpis> KpisAsync(
        PortalDbContext db, IQueryable<Finding> findings, IQueryable<Repository> repositories, IQueryable<AiSystem> systems, IQueryable<Run> runs,
        DateTime windowStart, DateTime now, CancellationToken cancellationToken)
    {
        var current = from r in db.RequirementEvidence.AsNoTracking()
                      join a in systems on r.EvidenceReportId equals a.LastReportId
                      select r;
        var requirementRows = await current.Select(r => new { r.AiSystemId, r.Status, r.ExceptionExpires }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var failingMetricSystems = await (from m in db.MetricResults.AsNoTracking()
                                          join a in systems on m.EvidenceReportId equals a.LastReportId
                                          where !m.Passed
                                          select m.AiSystemId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        var systemIds = await systems.Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

        double? coverage = null;
        if (systemIds.Count > 0)
        {
            var bySystem = requirementRows.ToLookup(r => r.AiSystemId);
            var failing = failingMetricSystems.ToHashSet();
            var covered = systemIds.Count(id => bySystem[id].Any() && bySystem[id].All(r => r.Status == EvidenceStatus.Present) && !failing.Contains(id));
            coverage = Percent(covered, systemIds.Count);
        }

        bool ValidException(EvidenceStatus status, DateTime? expires) => status == EvidenceStatus.Excepted && (expires is null || expires > now);
        double? completeness = requirementRows.Count == 0 ? null
            : Percent(requirementRows.Count(r => r.Status == EvidenceStatus.Present || ValidException(r.Status, r.ExceptionExpires)), requirementRows.Count);
        double? exceptionRate = requirementRows.Count == 0 ? null
            : Percent(requirementRows.Count(r => ValidException(r.Status, r.ExceptionExpires)), requirementRows.Count);

        var gates = await runs.Where(r => r.GatePassed != null && r.ReceivedAt >= windowStart)
            .GroupBy(r => r.GatePassed).Select(g => new { Passed = g.Key, Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var gateTotal = gates.Sum(g => g.Count);
        double? gateRate = gateTotal == 0 ? null : Percent(gates.Where(g => g.Passed == true).Sum(g => g.Count), gateTotal);

        var mttr = await MttrAsync(findings, repositories, windowStart, cancellationToken).ConfigureAwait(false);
        var fixedTotal = mttr.Sum(m => m.FixedCount);
        double? meanDays = fixedTotal == 0 ? null : mttr.Sum(m => m.Days * m.FixedCount) / fixedTotal;
        return new PortalKpis(coverage, gateRate, completeness, exceptionRate, meanDays, mttr);
    }

    private static async Task<IReadOnlyList<SeverityMttr>> MttrAsync(IQueryable<Finding> findings, IQueryable<Repository> repositories, DateTime windowStart, CancellationToken cancellationToken)
    {
        // Day arithmetic differs per provider; the aggregate stays in the database either way.
        var fixedFindings = from f in findings
                            join r in repositories on f.RepositoryId equals r.Id
                            where f.Branch == r.DefaultBranch && f.State == FindingState.Fixed && f.FixedAt != null && f.FixedAt >= windowStart
                            select f;
        var rows = await fixedFindings.GroupBy(f => f.Severity)
            .Select(g => new { Severity = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0) return [];
        // The mean comes from the most recent 200k fixes per query: exact below that, a sample above it.
        var spans = await fixedFindings.OrderByDescending(f => f.Id).Select(f => new { f.Severity, f.FirstSeenAt, FixedAt = f.FixedAt!.Value }).Take(200_000)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return spans.GroupBy(s => s.Severity)
            .Select(g => new SeverityMttr(g.Key, g.Average(s => (s.FixedAt - s.FirstSeenAt).TotalDays), rows.First(r => r.Severity == g.Key).Count))
            .OrderByDescending(m => m.Severity).ToList();
    }

    private static double Percent(int part, int whole) => Math.Round(100.0 * part / whole, 1);

    // Debug: how often and how long the overview's queries run (a page visit should compute it once, not per render).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Overview computed ({TrendDays}-day window, {RuleScope} rules) in {Milliseconds:0} ms")]
    private static partial void Computed(ILogger logger, int trendDays, RuleScope ruleScope, double milliseconds);
}
