using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

public sealed class LifecycleTests(BothProviders providers) : IClassFixture<BothProviders>
{
    private static SyntheticResult R(string name, int line, string rule = "SL0003", bool suppressed = false) =>
        new(rule, $"Personal data '{name}' is written to a log", "file:///build/agent/chatbot/src/Chat.cs", line, Suppressed: suppressed,
            Justification: suppressed ? "Reviewed: value is a hash" : null);

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task New_unchanged_fixed_reintroduced_are_derived_per_run(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        const string repo = "contoso/lifecycle";
        var r1 = await portal.IngestAsync(repo, "c1", [R("a", 10), R("b", 20), R("c", 30)]);
        Assert.Equal((3, 0, 0, 0), (r1.New, r1.Unchanged, r1.Fixed, r1.Reintroduced));

        var r2 = await portal.IngestAsync(repo, "c2", [R("a", 11), R("b", 21), R("d", 40)]);
        Assert.Equal((1, 2, 1, 0), (r2.New, r2.Unchanged, r2.Fixed, r2.Reintroduced));
        Assert.Equal(3, r2.OpenAfter);

        var r3 = await portal.IngestAsync(repo, "c3", [R("a", 11), R("b", 21), R("c", 31), R("d", 40)]);
        Assert.Equal((0, 3, 0, 1), (r3.New, r3.Unchanged, r3.Fixed, r3.Reintroduced));

        await using var db = portal.Db();
        var c = await db.Findings.SingleAsync(f => f.RepositoryId == r3.RepositoryId && f.Message.Contains("'c'"));
        Assert.Equal(FindingState.Reintroduced, c.State);
        Assert.Equal(31, c.StartLine);
        Assert.True(c.IsOpen);
        Assert.Null(c.FixedAt);
        var detail = await portal.WithAsync<IFindingQueryService, FindingDetailDto?>(s => s.GetAsync(c.Id));
        Assert.Equal([FindingState.Reintroduced, FindingState.Fixed, FindingState.New], detail!.History.Select(h => h.State));
        Assert.Equal(4, await db.Findings.CountAsync(f => f.RepositoryId == r3.RepositoryId));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Branches_have_their_own_lifecycle_and_evidence_only_uploads_fix_nothing(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        const string repo = "contoso/branches";
        await portal.IngestAsync(repo, "m1", [R("a", 1), R("b", 2)], branch: "main");
        var feature = await portal.IngestAsync(repo, "f1", [R("a", 1)], branch: "feature/x");
        Assert.Equal((1, 0), (feature.New, feature.Fixed));

        var evidenceOnly = await portal.IngestAsync(repo, "m2", null, branch: "main", evidence: File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "evidence.json")));
        Assert.Equal(0, evidenceOnly.Fixed);
        await using var db = portal.Db();
        Assert.Equal(2, await db.Findings.CountAsync(f => f.RepositoryId == feature.RepositoryId && f.Branch == "main" && f.IsOpen));
        var overview = await portal.WithAsync<IRepositoryService, RepositoryDetailDto?>(s => s.GetByNameAsync(repo));
        Assert.Equal("main", overview!.DefaultBranch);
        Assert.Equal(2, overview.OpenFindings);
        Assert.Equal(["feature/x", "main"], overview.Branches);
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Triage_survives_reimport_and_applies_to_the_same_finding_on_other_branches(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        const string repo = "contoso/triage";
        var first = await portal.IngestAsync(repo, "t1", [R("a", 1), R("b", 2)]);
        await using var db = portal.Db();
        var a = await db.Findings.SingleAsync(f => f.RepositoryId == first.RepositoryId && f.Message.Contains("'a'"));

        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(a.Id, TriageCommand.Dismiss(DismissReason.UsedInTests, "Only the test host logs this"), CorePortal.Triager));
        var again = await portal.IngestAsync(repo, "t2", [R("a", 5), R("b", 6)]);
        Assert.Equal(1, again.OpenAfter);
        var reloaded = await db.Findings.AsNoTracking().SingleAsync(f => f.Id == a.Id);
        Assert.Equal(TriageStatus.UsedInTests, reloaded.Triage);
        Assert.False(reloaded.IsOpen);
        Assert.Equal(FindingState.Unchanged, reloaded.State);

        var other = await portal.IngestAsync(repo, "t3", [R("a", 5)], branch: "release/1");
        Assert.Equal(0, other.OpenAfter);
        var onRelease = await db.Findings.AsNoTracking().SingleAsync(f => f.RepositoryId == first.RepositoryId && f.Branch == "release/1");
        Assert.Equal(TriageStatus.UsedInTests, onRelease.Triage);

        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(onRelease.Id, TriageCommand.Reopen("Test host now ships"), CorePortal.Triager));
        Assert.True((await db.Findings.AsNoTracking().SingleAsync(f => f.Id == a.Id)).IsOpen);
        Assert.True((await db.Findings.AsNoTracking().SingleAsync(f => f.Id == onRelease.Id)).IsOpen);
        var detail = await portal.WithAsync<IFindingQueryService, FindingDetailDto?>(s => s.GetAsync(a.Id));
        Assert.Equal([TriageStatus.None, TriageStatus.UsedInTests], detail!.TriageHistory.Select(t => t.Status));
        Assert.Equal([true, false], detail.TriageHistory.Select(t => t.IsCurrent));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Accepted_risk_reopens_when_it_expires_and_the_sweep_is_audited(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var run = await portal.IngestAsync("contoso/risk", "r1", [R("a", 1)]);
        await using var db = portal.Db();
        var a = await db.Findings.SingleAsync(f => f.RepositoryId == run.RepositoryId);
        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(a.Id,
            TriageCommand.AcceptRisk("CISO Jane", TestClock.StartUtc.AddDays(30), "Compensating control: log scrubbing"), CorePortal.Triager));
        Assert.False((await db.Findings.AsNoTracking().SingleAsync(f => f.Id == a.Id)).IsOpen);

        // Let the acceptance lapse.
        await db.Findings.Where(f => f.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.TriageExpiresAt, TestClock.StartUtc.AddMinutes(-1)));
        var reopened = await portal.WithAsync<ITriageService, int>(s => s.ExpireAcceptedRisksAsync());
        Assert.Equal(1, reopened);
        var after = await db.Findings.AsNoTracking().SingleAsync(f => f.Id == a.Id);
        Assert.True(after.IsOpen);
        Assert.Equal(TriageStatus.None, after.Triage);
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == AuditActions.FindingAcceptanceExpired && e.EntityId == a.Id.ToString()));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_finding_suppressed_in_source_later_is_counted_suppressed_with_its_justification(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        await portal.IngestAsync("contoso/suppress", "s1", [R("a", 1), R("b", 2)]);
        var second = await portal.IngestAsync("contoso/suppress", "s2", [R("a", 1), R("b", 2, suppressed: true)]);
        Assert.Equal((1, 1, 1), (second.Unchanged, second.Suppressed, second.OpenAfter));
        await using var db = portal.Db();
        var b = await db.Findings.SingleAsync(f => f.RepositoryId == second.RepositoryId && f.Message.Contains("'b'"));
        Assert.True(b.IsSuppressed);
        Assert.Equal("Reviewed: value is a hash", b.SuppressionJustification);
        Assert.False(b.IsOpen);
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_same_upload_twice_is_stored_once(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var first = await portal.IngestAsync("contoso/idempotent", "i1", [R("a", 1), R("b", 2)], buildId: "42");
        var second = await portal.IngestAsync("contoso/idempotent", "i1", [R("a", 1), R("b", 2)], buildId: "42");
        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.RunId, second.RunId);
        Assert.Equal(first.New, second.New);
        await using var db = portal.Db();
        Assert.Equal(1, await db.Runs.CountAsync(r => r.RepositoryId == first.RepositoryId));
        Assert.Equal(2, await db.FindingOccurrences.CountAsync(o => o.RunId == first.RunId));

        var rebuilt = await portal.IngestAsync("contoso/idempotent", "i1", [R("a", 1), R("b", 2)], buildId: "43");
        Assert.False(rebuilt.Replayed);
        Assert.Equal(2, rebuilt.Unchanged);
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_log_that_breaks_after_many_results_stores_nothing(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var good = SyntheticSarif.ToBytes(Enumerable.Range(1, 5000).Select(i => R("n" + i, i)));
        var broken = good[..(good.Length - 200)];
        var error = await Assert.ThrowsAsync<ShiftLeft.Portal.Core.Ingestion.IngestionException>(() => portal.IngestBytesAsync("contoso/atomic", "x1", broken));
        Assert.Contains("line", error.Message, StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.False(await db.Repositories.AnyAsync(r => r.Name == "contoso/atomic"));

        var stored = await portal.IngestAsync("contoso/atomic2", "y1", [R("a", 1)]);
        await Assert.ThrowsAsync<ShiftLeft.Portal.Core.Ingestion.IngestionException>(() => portal.IngestBytesAsync("contoso/atomic2", "y2", broken));
        Assert.Equal(1, await db.Runs.CountAsync(r => r.RepositoryId == stored.RepositoryId));
        Assert.Equal(1, await db.Findings.CountAsync(f => f.RepositoryId == stored.RepositoryId));
        Assert.Equal(1, await db.FindingOccurrences.CountAsync(o => o.RunId == stored.RunId));
    }
}
