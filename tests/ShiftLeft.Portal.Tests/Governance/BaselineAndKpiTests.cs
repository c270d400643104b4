using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Core.Services.Governance;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Governance;

/// <summary>
/// Baselines (who may accept, the audit entry, what the gate is given), the governance KPIs computed from seeded builds
/// on an injected clock, and the risk register with its links, on both providers.
/// </summary>
public sealed class BaselineAndKpiTests
{
    private const string Repository = "contoso/governed";
    private const string System = "support-assistant";
    // shiftleft.json's owner is free text: a person owns the system when it names them (display name or e-mail; e-mail
    // owners are redacted at upload like all personal data, so the reports here name the owner by name).
    private static readonly PortalActor Owner = new("owner-id", "Lena Lead", [PortalRoles.Viewer]);

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_baseline_is_accepted_by_the_owner_or_an_admin_audited_and_served_for_the_default_branch(DatabaseProvider provider)
    {
        await using var portal = await CorePortal.CreateAsync(provider);
        await portal.IngestBytesAsync(Repository, "c1", null, evidence: GovernedEvidence.Report(System, "c1", GovernedEvidence.Digest("c1"), 0.05));
        await portal.IngestBytesAsync(Repository, "c2", null, branch: "feature", evidence: GovernedEvidence.Report(System, "c2", GovernedEvidence.Digest("c2"), 0.05));
        await using var db = portal.Db();
        var systemId = await db.AiSystems.Select(a => a.Id).SingleAsync();
        var onMain = await ReportIdAsync(db, "c1");
        var onFeature = await ReportIdAsync(db, "c2");

        await Assert.ThrowsAsync<PortalForbiddenException>(() => portal.WithAsync<IBaselineService, BaselineDto>(s => s.AcceptAsync(systemId, onMain, CorePortal.Triager)));
        var feature = await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<IBaselineService, BaselineDto>(s => s.AcceptAsync(systemId, onFeature, CorePortal.Admin)));
        Assert.Contains("default branch 'main'", feature.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<IBaselineService, BaselineDto>(s => s.AcceptAsync(systemId + 1000, onMain, CorePortal.Admin)));
        Assert.Null(await portal.WithAsync<IBaselineService, string?>(s => s.BaselineFileAsync(systemId)));

        var accepted = await portal.WithAsync<IBaselineService, BaselineDto>(s => s.AcceptAsync(systemId, onMain, Owner));
        Assert.Equal(("Lena Lead", "c1", "main"), (accepted.AcceptedBy, accepted.Commit, accepted.Branch));
        var entry = await db.AuditLog.AsNoTracking().SingleAsync(e => e.Action == AuditActions.BaselineAccepted);
        Assert.Equal(("owner-id", "ai-system", systemId.ToString()), (entry.ActorId, entry.EntityType, entry.EntityId));
        Assert.Contains(GovernedEvidence.Digest("c1"), entry.After, StringComparison.Ordinal);

        using var file = JsonDocument.Parse((await portal.WithAsync<IBaselineService, string?>(s => s.BaselineFileAsync(systemId)))!);
        var baseline = file.RootElement.GetProperty("systems").GetProperty(System);
        Assert.Equal("shiftleft-baseline", file.RootElement.GetProperty("format").GetString());
        Assert.Equal(("Lena Lead", GovernedEvidence.Digest("c1")), (baseline.GetProperty("acceptedBy").GetString(), baseline.GetProperty("report").GetProperty("evidenceSha256").GetString()));
        Assert.Equal(90, baseline.GetProperty("report").GetProperty("measurements")[0].GetProperty("n").GetInt32());

        // Append-only in the database itself.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"BaselineAcceptances\" SET \"Commit\" = 'forged'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"BaselineAcceptances\""));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_governance_kpis_are_computed_from_seeded_builds(DatabaseProvider provider)
    {
        var clock = new ManualClock(TestClock.Start); // Monday 2 March 2026, 09:00 UTC
        await using var portal = await CorePortal.CreateAsync(provider, clock: clock);
        async Task Build(string commit, string build, double? gap) =>
            await portal.IngestBytesAsync(Repository, commit, null, buildId: build, evidence: GovernedEvidence.Report(System, commit, GovernedEvidence.Digest(commit), gap));
        await using var db = portal.Db();

        await Build("c1", "b1", 0.05);
        clock.Advance(TimeSpan.FromHours(1));
        var (systemId, first) = (await SystemIdAsync(db), await ReportIdAsync(db, "c1"));
        await portal.WithAsync<IBaselineService, BaselineDto>(s => s.AcceptAsync(systemId, first, CorePortal.Admin));
        clock.Advance(TimeSpan.FromHours(1));
        await Build("c2", "b2", 0.06);              // grew 0.01, within the 0.02 allowance
        clock.Advance(TimeSpan.FromHours(2));
        await Build("c2", "b3", 0.06);              // a second build of c2: time to approval counts from the first
        clock.Advance(TimeSpan.FromHours(4));
        await SignAsync(portal, db, "c2");          // 6 h after c2's first gated build
        clock.Advance(TimeSpan.FromDays(7));
        await Build("c3", "b4", 0.10);              // grew 0.05: a fairness regression
        clock.Advance(TimeSpan.FromHours(10));
        await SignAsync(portal, db, "c3");          // 10 h, the following week
        clock.Advance(TimeSpan.FromHours(1));
        await SignAsync(portal, db, "c3");          // a second sign-off of c3 does not count again
        await Build("c4", "b5", null);              // no fairness rule: not a fairness build

        var kpis = await portal.WithAsync<IGovernanceKpiService, GovernanceKpisDto>(s => s.ComputeAsync(90));
        // b1 predates its baseline; b2, b3, b4 are compared; b4 regressed.
        Assert.Equal((3, 1, 33.3), (kpis.FairnessBuildsCompared, kpis.FairnessBuildsRegressed, kpis.FairnessRegressionRate));
        Assert.Equal((2, 8.0, 8.0), (kpis.SignOffs, kpis.MeanHoursToApproval, kpis.MedianHoursToApproval));
        Assert.Equal([(new DateOnly(2026, 3, 2), 1, 6.0), (new DateOnly(2026, 3, 9), 1, 10.0)], kpis.TimeToApprovalTrend.Select(p => (p.WeekStart, p.SignOffs, p.MeanHours)));
        // The cohort table is the current report's: c4 has no fairness rule, so none; the window excludes nothing here.
        Assert.Empty(kpis.Cohorts);
        await Build("c5", "b6", 0.06);
        var cohorts = Assert.Single((await portal.WithAsync<IGovernanceKpiService, GovernanceKpisDto>(s => s.ComputeAsync(90))).Cohorts);
        Assert.Equal((System, "language", 0.06), (cohorts.System, cohorts.Attribute, cohorts.Gap));
        Assert.Equal([("en", 50, 0.9), ("fr", 40, 0.84)], cohorts.Cohorts.Select(c => (c.Value, c.N, c.MetricValue!.Value)));

        // A narrower window leaves out the first week's sign-off (and builds).
        clock.Advance(TimeSpan.FromDays(3));
        var lastWeek = await portal.WithAsync<IGovernanceKpiService, GovernanceKpisDto>(s => s.ComputeAsync(5));
        Assert.Equal((1, 10.0), (lastWeek.SignOffs, lastWeek.MeanHoursToApproval));
        Assert.Equal((2, 1), (lastWeek.FairnessBuildsCompared, lastWeek.FairnessBuildsRegressed));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_risk_register_links_findings_metrics_and_acceptances_and_the_audit_package_carries_them(DatabaseProvider provider)
    {
        await using var portal = await CorePortal.CreateAsync(provider);
        await portal.IngestAsync(Repository, "r1", [new SyntheticResult("SL0003", "Email logged", "file:///w/governed/src/A.cs", 3), new SyntheticResult("SL0002", "No guardrail", "file:///w/governed/src/B.cs", 4)],
            evidence: GovernedEvidence.Report(System, "r1", GovernedEvidence.Digest("r1"), 0.05, regressed: true));
        await using var db = portal.Db();
        var systemId = await db.AiSystems.Select(a => a.Id).SingleAsync();
        var logged = await db.Findings.Where(f => f.RuleId == "SL0003").Select(f => f.Id).SingleAsync();
        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(logged, TriageCommand.AcceptRisk(TestClock.StartUtc.AddDays(10), "Scrubbed downstream"), CorePortal.Triager));
        var exception = await portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.RequestExceptionAsync(
            new RequestExceptionCommand(systemId, "evaluation", "Re-run booked", DateOnly.FromDateTime(TestClock.StartUtc.AddDays(10)), ["R-2"]), CorePortal.Triager));
        var unknown = await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.RequestExceptionAsync(
            new RequestExceptionCommand(systemId, "evaluation", "x", DateOnly.FromDateTime(TestClock.StartUtc.AddDays(10)), ["R-9"]), CorePortal.Triager)));
        Assert.Contains("'R-9' is not a risk of 'support-assistant'", unknown.Message, StringComparison.Ordinal);

        var governance = (await portal.WithAsync<IAiSystemGovernanceService, AiSystemGovernanceDto?>(s => s.GetAsync(systemId)))!;
        var r1 = governance.Risks.Single(r => r.Risk.Id == "R-1");
        Assert.Equal(["SL0003"], r1.Rules);
        Assert.Equal((1, "Redact before logging"), (r1.OpenFindings, r1.Risk.Mitigation));
        Assert.Single(r1.RiskAcceptances);
        var r2 = governance.Risks.Single(r => r.Risk.Id == "R-2");
        Assert.Equal(["evaluation:pass_rate"], r2.Metrics);
        Assert.Equal([exception.Id], r2.RiskAcceptances);
        var trend = Assert.Single(governance.Trends);
        Assert.True(trend.Regressed);
        Assert.Equal(("evaluation", "pass_rate", 0.85), (trend.Kind, trend.Name, trend.Points.Single().Value!.Value));

        using var zip = new MemoryStream();
        await portal.WithAsync<IExportService>(s => s.WriteAuditPackageAsync(systemId, zip, CorePortal.Viewer));
        zip.Position = 0;
        using var archive = new ZipArchive(zip);
        using var entry = JsonDocument.Parse(archive.GetEntry("governance.json")!.Open());
        var risks = entry.RootElement.GetProperty("risks");
        Assert.Equal(["R-1", "R-2"], risks.EnumerateArray().Select(r => r.GetProperty("risk").GetProperty("id").GetString()));
        Assert.Equal("SL0003", risks[0].GetProperty("rules")[0].GetString());
        using var manifest = new StreamReader(archive.GetEntry("manifest.json")!.Open());
        Assert.Contains("\"governance.json\"", manifest.ReadToEnd(), StringComparison.Ordinal);
    }

    private static Task<long> SystemIdAsync(PortalDbContext db) => db.AiSystems.Select(a => a.Id).SingleAsync();

    private static Task<long> ReportIdAsync(PortalDbContext db, string commit) =>
        (from e in db.EvidenceReports join r in db.Runs on e.RunId equals r.Id where r.Commit == commit orderby e.Id select e.Id).FirstAsync();

    private static async Task SignAsync(CorePortal portal, PortalDbContext db, string commit)
    {
        var reportId = await (from e in db.EvidenceReports join r in db.Runs on e.RunId equals r.Id where r.Commit == commit orderby e.Id descending select e.Id).FirstAsync();
        var systemId = await SystemIdAsync(db);
        await portal.WithAsync<ISignOffService, SignOffDto>(s => s.SignAsync(systemId, reportId, "reviewed", CorePortal.Approver));
    }
}
