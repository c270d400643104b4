using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services.Governance;

internal sealed class AiSystemGovernanceService(
    IDbContextFactory<PortalDbContext> factory, ISignOffService signOffs, IBaselineService baselines, IRiskAcceptanceService acceptances) : IAiSystemGovernanceService
{
    /// <summary>Reports per trend: enough for a quarter of daily builds.</summary>
    internal const int TrendReports = 60;

    public async Task<AiSystemGovernanceDto?> GetAsync(long aiSystemId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var system = await (from a in db.AiSystems.AsNoTracking()
                            join r in db.Repositories on a.RepositoryId equals r.Id
                            where a.Id == aiSystemId
                            select new { a.Id, a.Name, a.Owner, a.RepositoryId, a.LastReportId, r.DefaultBranch }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (system is null) return null;

        var reports = await (from e in db.EvidenceReports.AsNoTracking()
                             join run in db.Runs on e.RunId equals run.Id
                             where e.AiSystemId == aiSystemId && run.Branch == system.DefaultBranch
                             orderby e.Id descending
                             select new { e.Id, run.Commit, e.ReceivedAt, e.Json }).Take(TrendReports).ToListAsync(cancellationToken).ConfigureAwait(false);
        reports.Reverse();
        var current = await db.EvidenceReports.AsNoTracking().Where(e => e.Id == system.LastReportId).Select(e => new { e.Json, e.EvidenceSha256 })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var currentReport = current is null ? GovernanceReport.Empty : GovernanceReport.Parse(current.Json);
        var baseline = await BaselineService.CurrentAsync(db, aiSystemId, cancellationToken).ConfigureAwait(false);
        var baselineReport = baseline is null ? null : GovernanceReport.Parse(await db.EvidenceReports.AsNoTracking()
            .Where(e => e.Id == baseline.EvidenceReportId).Select(e => e.Json).FirstAsync(cancellationToken).ConfigureAwait(false));

        var parsed = reports.Select(r => (r.Id, r.Commit, r.ReceivedAt, Report: GovernanceReport.Parse(r.Json))).ToList();
        var trends = parsed.SelectMany(p => p.Report.Measurements.Select(m => (m.Kind, m.Name))).Distinct()
            .OrderBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.OrdinalIgnoreCase)
            .Select(key => new MetricTrendDto(key.Kind, key.Name,
                baselineReport?.Measurements.FirstOrDefault(m => Same(m.Kind, m.Name, key))?.Value,
                parsed.Where(p => p.Report.Measurements.Any(m => Same(m.Kind, m.Name, key))).Select(p =>
                {
                    var m = p.Report.Measurements.First(x => Same(x.Kind, x.Name, key));
                    var verdict = p.Report.Regressions.FirstOrDefault(r => Same(r.Kind, r.Name, key));
                    return new MetricTrendPoint(p.Id, p.Commit, p.ReceivedAt, m.Value, m.N, verdict?.Status, verdict?.Status == "regressed", baseline?.EvidenceReportId == p.Id);
                }).ToList())).ToList();

        var acceptanceList = await acceptances.ListAsync(new RiskAcceptanceQuery(RepositoryId: system.RepositoryId), cancellationToken).ConfigureAwait(false);
        var mine = acceptanceList.Where(a => a.AiSystemId == aiSystemId || a.Scope == RiskAcceptanceScope.Finding).ToList();
        var risks = new List<RiskViewDto>();
        foreach (var risk in currentReport.RegisteredRisks)
        {
            var links = currentReport.RiskLinks.Where(l => l.Risks.Contains(risk.Id, StringComparer.Ordinal)).ToList();
            var rules = links.Where(l => l.TargetType == "rule").Select(l => l.Target).Distinct(StringComparer.Ordinal).ToList();
            var metrics = links.Where(l => l.TargetType == "metric").Select(l => l.Target).Distinct(StringComparer.Ordinal).ToList();
            var open = rules.Count == 0 ? 0 : await db.Findings.AsNoTracking()
                .CountAsync(f => f.RepositoryId == system.RepositoryId && f.IsOnDefaultBranch && f.IsOpen && rules.Contains(f.RuleId), cancellationToken).ConfigureAwait(false);
            var linked = mine.Where(a => a.Risks.Contains(risk.Id, StringComparer.Ordinal) || (a.RuleId is not null && rules.Contains(a.RuleId, StringComparer.Ordinal)))
                .Select(a => a.Id).ToList();
            risks.Add(new RiskViewDto(risk, rules, open, metrics, linked));
        }

        return new AiSystemGovernanceDto(
            system.Id, system.Name, system.Owner, system.DefaultBranch, current?.EvidenceSha256, trends, currentReport.Fairness, risks,
            await signOffs.ListAsync(aiSystemId, cancellationToken).ConfigureAwait(false),
            await baselines.ListAsync(aiSystemId, cancellationToken).ConfigureAwait(false),
            acceptanceList.Where(a => a.AiSystemId == aiSystemId).ToList());
    }

    private static bool Same(string? kind, string name, (string? Kind, string Name) key) =>
        kind == key.Kind && string.Equals(name, key.Name, StringComparison.OrdinalIgnoreCase);
}
