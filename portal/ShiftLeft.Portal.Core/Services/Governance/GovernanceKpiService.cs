using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Data;

namespace ShiftLeft.Portal.Core.Services.Governance;

internal sealed class GovernanceKpiService(IDbContextFactory<PortalDbContext> factory, IOptions<PortalOptions> options, TimeProvider clock) : IGovernanceKpiService
{
    /// <summary>Most reports with a fairness gap read for the rate (newest first); a window holding more is counted over its newest.</summary>
    internal const int MaxReports = 20_000;

    public async Task<GovernanceKpisDto> ComputeAsync(int windowDays = 90, CancellationToken cancellationToken = default)
    {
        var days = Math.Clamp(windowDays, 1, 3650);
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now.AddDays(-days);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (compared, regressed) = await FairnessAsync(db, from, options.Value.Governance.FairnessGapAllowance, cancellationToken).ConfigureAwait(false);
        var approvals = await ApprovalsAsync(db, from, cancellationToken).ConfigureAwait(false);
        var hours = approvals.Select(a => a.Hours).Order().ToList();
        var trend = approvals.GroupBy(a => WeekStart(a.SignedAt)).OrderBy(g => g.Key)
            .Select(g => new ApprovalTrendPoint(g.Key, g.Count(), Math.Round(g.Average(a => a.Hours), 2))).ToList();
        return new GovernanceKpisDto(
            days, compared, regressed, compared == 0 ? null : Math.Round(100.0 * regressed / compared, 1),
            hours.Count, hours.Count == 0 ? null : Math.Round(hours.Average(), 2), hours.Count == 0 ? null : Math.Round(Median(hours), 2),
            trend, await CohortsAsync(db, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Each evidence report received in the window is one gated build of one system. It is compared when one of its
    /// fairness rules has a gap and the system's baseline accepted before the build has a gap for the same rule
    /// (metric, kind, attribute); it regressed when any such gap exceeds the baseline's by more than the allowance.
    /// </summary>
    private static async Task<(int Compared, int Regressed)> FairnessAsync(PortalDbContext db, DateTime from, double allowance, CancellationToken cancellationToken)
    {
        // Only reports with a fairness gap are read and parsed: the database finds the key, so the rest never leave it.
        var reports = await db.EvidenceReports.AsNoTracking().Where(e => e.ReceivedAt >= from && e.Json.Contains("\"gap\"")).OrderByDescending(e => e.Id).Take(MaxReports)
            .Select(e => new { e.Id, e.AiSystemId, e.ReceivedAt, e.Json }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var systems = reports.Select(r => r.AiSystemId).Distinct().ToList();
        var baselines = await (from b in db.BaselineAcceptances.AsNoTracking()
                               join e in db.EvidenceReports on b.EvidenceReportId equals e.Id
                               where systems.Contains(b.AiSystemId)
                               select new { b.AiSystemId, b.AcceptedAt, b.Id, e.Json }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var baselineGaps = baselines.ToDictionary(b => b.Id, b => Gaps(GovernanceReport.Parse(b.Json)));
        int compared = 0, regressed = 0;
        foreach (var report in reports)
        {
            var gaps = Gaps(GovernanceReport.Parse(report.Json));
            if (gaps.Count == 0) continue;
            var baseline = baselines.Where(b => b.AiSystemId == report.AiSystemId && b.AcceptedAt <= report.ReceivedAt)
                .OrderByDescending(b => b.AcceptedAt).ThenByDescending(b => b.Id).FirstOrDefault();
            if (baseline is null) continue;
            var pairs = gaps.Where(g => baselineGaps[baseline.Id].ContainsKey(g.Key)).Select(g => (Current: g.Value, Baseline: baselineGaps[baseline.Id][g.Key])).ToList();
            if (pairs.Count == 0) continue;
            compared++;
            // A tolerance of 1e-9 keeps floating-point noise in the gate's own arithmetic from counting as growth.
            if (pairs.Any(p => p.Current - p.Baseline > allowance + 1e-9)) regressed++;
        }

        return (compared, regressed);
    }

    private static Dictionary<(string Metric, string? Kind, string Attribute), double> Gaps(GovernanceReport report) =>
        report.Fairness.Where(f => f.Gap is not null).GroupBy(f => (f.Metric, f.Kind, f.Attribute)).ToDictionary(g => g.Key, g => g.Max(f => f.Gap!.Value));

    /// <summary>The first sign-off of each system and commit in the window, and the hours from that commit's first gated build of the system.</summary>
    private static async Task<List<(DateTime SignedAt, double Hours)>> ApprovalsAsync(PortalDbContext db, DateTime from, CancellationToken cancellationToken)
    {
        var signOffs = await db.ReleaseSignOffs.AsNoTracking().GroupBy(s => new { s.AiSystemId, s.Commit })
            .Select(g => new { g.Key.AiSystemId, g.Key.Commit, SignedAt = g.Min(s => s.SignedAt) })
            .Where(s => s.SignedAt >= from).ToListAsync(cancellationToken).ConfigureAwait(false);
        var systems = signOffs.Select(s => s.AiSystemId).Distinct().ToList();
        var firstBuilds = await (from e in db.EvidenceReports.AsNoTracking()
                                 join run in db.Runs on e.RunId equals run.Id
                                 where systems.Contains(e.AiSystemId)
                                 group e by new { e.AiSystemId, run.Commit } into g
                                 select new { g.Key.AiSystemId, g.Key.Commit, First = g.Min(e => e.ReceivedAt) }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var first = firstBuilds.ToDictionary(f => (f.AiSystemId, f.Commit), f => f.First);
        return signOffs.Where(s => first.ContainsKey((s.AiSystemId, s.Commit)))
            .Select(s => (s.SignedAt, Math.Max(0, (s.SignedAt - first[(s.AiSystemId, s.Commit)]).TotalHours))).ToList();
    }

    private static async Task<IReadOnlyList<CohortTableDto>> CohortsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var current = await (from a in db.AiSystems.AsNoTracking()
                             join r in db.Repositories on a.RepositoryId equals r.Id
                             join e in db.EvidenceReports on a.LastReportId equals e.Id
                             orderby a.Name, a.Id
                             select new { a.Id, a.Name, Repository = r.Name, e.Json }).Take(500).ToListAsync(cancellationToken).ConfigureAwait(false);
        return current.SelectMany(c => GovernanceReport.Parse(c.Json).Fairness.Select(f => new CohortTableDto(
            c.Id, c.Name, c.Repository, f.Metric, f.Kind, f.Attribute, f.Gap, f.MaxGap, f.Status, f.WorstCohort, f.Cohorts ?? []))).ToList();
    }

    private static DateOnly WeekStart(DateTime at)
    {
        var day = DateOnly.FromDateTime(at);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
