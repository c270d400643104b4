using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>
/// What the performance work must not change: re-importing an unchanged code base leaves finding rows alone yet reads as
/// unchanged / last seen now; the grid's totals (from statistics, or counted below the cap) equal the rows they describe.
/// </summary>
public sealed class GridAndReimportTests(BothProviders providers) : IClassFixture<BothProviders>
{
    private static SyntheticResult R(string name, int line, string rule = "SL0003", string level = "warning", string file = "Chat.cs") =>
        new(rule, $"Personal data '{name}' is written to a log", $"file:///build/agent/chatbot/src/{file}", line, Level: level);

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Reimport_of_unchanged_code_rewrites_no_finding_row_yet_reads_unchanged_and_last_seen_now(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        const string repo = "contoso/reimport";
        var first = await portal.IngestAsync(repo, "c1", [R("a", 10), R("b", 20), R("c", 30)]);
        var second = await portal.IngestAsync(repo, "c2", [R("a", 10), R("b", 20), R("c", 30)]);
        Assert.Equal((0, 3, 0, 0), (second.New, second.Unchanged, second.Fixed, second.Reintroduced));

        await using (var db = portal.Db())
        {
            // The rows still carry what the first run wrote: nothing about them changed.
            var rows = await db.Findings.AsNoTracking().Where(f => f.RepositoryId == first.RepositoryId).ToListAsync();
            Assert.All(rows, f => Assert.Equal((FindingState.New, first.RunId), (f.State, f.LastSeenRunId)));
        }

        var secondAt = await RunTimeAsync(portal, second.RunId);
        var filter = new FindingFilter { RepositoryId = first.RepositoryId, Visibility = FindingVisibility.All };
        var grid = await SearchAsync(portal, filter);
        Assert.All(grid.Items, f => Assert.Equal((FindingState.Unchanged, secondAt), (f.State, f.LastSeenAt)));
        Assert.Empty((await SearchAsync(portal, filter with { States = [FindingState.New] })).Items);
        Assert.Equal(3, (await SearchAsync(portal, filter with { States = [FindingState.Unchanged] })).TotalCount);
        var detail = await portal.WithAsync<IFindingQueryService, FindingDetailDto?>(s => s.GetAsync(grid.Items[0].Id));
        Assert.Equal((FindingState.Unchanged, secondAt), (detail!.State, detail.LastSeenAt));
        Assert.Equal([FindingState.Unchanged, FindingState.New], detail.History.Select(h => h.State));

        // b moves, c disappears, d is new: only those rows are written; c was last seen by the second run.
        var third = await portal.IngestAsync(repo, "c3", [R("a", 10), R("b", 25), R("d", 40)]);
        Assert.Equal((1, 2, 1, 0), (third.New, third.Unchanged, third.Fixed, third.Reintroduced));
        await using (var db = portal.Db())
        {
            var rows = await db.Findings.AsNoTracking().Where(f => f.RepositoryId == first.RepositoryId).ToDictionaryAsync(f => f.Message[15..16]);
            Assert.Equal((FindingState.New, first.RunId), (rows["a"].State, rows["a"].LastSeenRunId));
            Assert.Equal((FindingState.Unchanged, third.RunId, 25), (rows["b"].State, rows["b"].LastSeenRunId, rows["b"].StartLine));
            Assert.Equal((FindingState.Fixed, second.RunId, third.RunId), (rows["c"].State, rows["c"].LastSeenRunId, rows["c"].FixedRunId));
        }

        var byState = await SearchAsync(portal, filter, new FindingPageRequest(Sort: FindingSort.State, Descending: true));
        Assert.Equal([FindingState.Fixed, FindingState.Unchanged, FindingState.Unchanged, FindingState.New], byState.Items.Select(f => f.State));
        var fixedOne = byState.Items[0];
        Assert.Equal(secondAt, fixedOne.LastSeenAt);
        var byLastSeen = await SearchAsync(portal, filter, new FindingPageRequest(Sort: FindingSort.LastSeen, Descending: false));
        Assert.Equal(fixedOne.Id, byLastSeen.Items[0].Id);
        Assert.Equal(["d"], (await SearchAsync(portal, filter with { States = [FindingState.New] })).Items.Select(f => f.Message[15..16]));

        // Reintroduced reads as such until the next run, then as unchanged.
        var fourth = await portal.IngestAsync(repo, "c4", [R("a", 10), R("b", 25), R("c", 30), R("d", 40)]);
        Assert.Equal((0, 3, 0, 1), (fourth.New, fourth.Unchanged, fourth.Fixed, fourth.Reintroduced));
        Assert.Equal(["c"], (await SearchAsync(portal, filter with { States = [FindingState.Reintroduced] })).Items.Select(f => f.Message[15..16]));
        await portal.IngestAsync(repo, "c5", [R("a", 10), R("b", 25), R("c", 30), R("d", 40)]);
        Assert.Equal(4, (await SearchAsync(portal, filter with { States = [FindingState.Unchanged] })).TotalCount);
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Grid_totals_equal_the_rows_through_triage_and_default_branch_changes(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var g1 = await portal.IngestAsync("contoso/grid1", "m1", [R("a", 1), R("b", 2, "SL0001", "error"), R("c", 3, file: "Other.cs")]);
        await portal.IngestAsync("contoso/grid1", "f1", [R("a", 1), R("x", 9, "SL0001", "error"), R("y", 10)], branch: "feature/x");
        await portal.IngestAsync("contoso/grid2", "m1", [R("p", 1, "SL0001", "error"), R("q", 2, "SL0004", "note")]);

        FindingFilter[] filters =
        [
            new(),
            new() { RuleIds = ["SL0001"] },
            new() { Severities = [FindingSeverity.Error] },
            new() { RuleIds = ["SL0001", "SL0003"], Severities = [FindingSeverity.Warning, FindingSeverity.Error] },
            new() { RepositoryId = g1.RepositoryId },
            new() { PathContains = "other" },
            new() { States = [FindingState.New] },
            new() { Visibility = FindingVisibility.All },
            new() { Branch = "feature/x" },
        ];

        async Task AssertExactAsync()
        {
            foreach (var filter in filters)
            {
                var page = await SearchAsync(portal, filter);
                Assert.False(page.TotalIsLowerBound);
                Assert.Equal(await RowCountAsync(portal, filter), page.TotalCount);
                Assert.Equal(page.TotalCount, page.Items.Count);
            }
        }

        await AssertExactAsync();
        Assert.Equal(5, (await SearchAsync(portal, new FindingFilter())).TotalCount);

        var b = (await SearchAsync(portal, new FindingFilter { RepositoryId = g1.RepositoryId, RuleIds = ["SL0001"] })).Items.Single();
        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(b.Id, TriageCommand.Dismiss(DismissReason.FalsePositive, "Not personal data"), CorePortal.Triager));
        await AssertExactAsync();
        Assert.Equal(4, (await SearchAsync(portal, new FindingFilter())).TotalCount);

        // The feature branch becomes the default: its findings join the cross-repository grid, main's leave it.
        await portal.WithAsync<IRepositoryService>(s => s.SetDefaultBranchAsync(g1.RepositoryId, "feature/x", CorePortal.Admin));
        await AssertExactAsync();
        var all = await SearchAsync(portal, new FindingFilter());
        Assert.Equal(["a", "p", "q", "x", "y"], all.Items.Select(f => f.Message[15..16]).Order());
        Assert.All(all.Items.Where(f => f.RepositoryId == g1.RepositoryId), f => Assert.Equal("feature/x", f.Branch));

        await portal.WithAsync<IRepositoryService>(s => s.SetDefaultBranchAsync(g1.RepositoryId, "main", CorePortal.Admin));
        await AssertExactAsync();
        Assert.Equal(4, (await SearchAsync(portal, new FindingFilter())).TotalCount);
    }

    internal static Task<PagedResult<FindingListItemDto>> SearchAsync(CorePortal portal, FindingFilter filter, FindingPageRequest? page = null) =>
        portal.WithAsync<IFindingQueryService, PagedResult<FindingListItemDto>>(s => s.SearchAsync(filter, page ?? new FindingPageRequest(PageSize: 500)));

    private static async Task<DateTime> RunTimeAsync(CorePortal portal, long runId)
    {
        await using var db = portal.Db();
        return await db.Runs.Where(r => r.Id == runId).Select(r => r.ReceivedAt).SingleAsync();
    }

    /// <summary>The grid's meaning, spelled out over the raw rows (default branch by name, effective state from the run history).</summary>
    private static async Task<int> RowCountAsync(CorePortal portal, FindingFilter filter)
    {
        await using var db = portal.Db();
        var rows = await (from f in db.Findings.AsNoTracking()
                          join r in db.Repositories on f.RepositoryId equals r.Id
                          select new { f, r.DefaultBranch }).ToListAsync();
        var heads = await db.Runs.AsNoTracking().Where(r => r.HasSarif).GroupBy(r => new { r.RepositoryId, r.Branch })
            .Select(g => new { g.Key.RepositoryId, g.Key.Branch, Head = g.Max(r => r.Id) }).ToListAsync();
        return rows.Count(x =>
        {
            var f = x.f;
            var head = heads.Single(h => h.RepositoryId == f.RepositoryId && h.Branch == f.Branch).Head;
            return (filter.Branch is null ? f.Branch == x.DefaultBranch : f.Branch == filter.Branch)
                   && (filter.RepositoryId is null || f.RepositoryId == filter.RepositoryId)
                   && (filter.RuleIds is null || filter.RuleIds.Contains(f.RuleId))
                   && (filter.Severities is null || filter.Severities.Contains(f.Severity))
                   && (filter.States is null || filter.States.Contains(f.State == FindingState.Fixed || f.LastSeenRunId == head ? f.State : FindingState.Unchanged))
                   && (filter.PathContains is null || f.Path.Contains(filter.PathContains, StringComparison.OrdinalIgnoreCase))
                   && (filter.Visibility != FindingVisibility.Open || (f.State != FindingState.Fixed && !f.IsSuppressed && f.Triage == TriageStatus.None));
        });
    }
}
