using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>"ShiftLeft rules only" hides compiler and .NET analyzer rules from the grid, its totals, exports and the overview.</summary>
public sealed class RuleScopeTests(BothProviders providers) : IClassFixture<BothProviders>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task ShiftLeft_rules_only_leaves_out_compiler_and_CA_rules_everywhere(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var run = await portal.IngestAsync("contoso/scoped", "s1",
        [
            new SyntheticResult("SL0003", "Personal data 'email' written to a log", "file:///w/scoped/A.cs", 4, Level: "warning"),
            new SyntheticResult("SL0001", "Model call not audit-logged", "file:///w/scoped/A.cs", 9, Level: "warning"),
            new SyntheticResult("CS8602", "Dereference of a possibly null reference.", "file:///w/scoped/B.cs", 3, Level: "warning"),
            new SyntheticResult("CA1822", "Member 'Run' does not access instance data", "file:///w/scoped/B.cs", 7, Level: "note"),
        ]);

        async Task<PagedResult<FindingListItemDto>> SearchAsync(FindingFilter filter) =>
            await portal.WithAsync<IFindingQueryService, PagedResult<FindingListItemDto>>(s => s.SearchAsync(filter, new FindingPageRequest()));

        // The total from the statistics (open, narrowed by repository only) and the total counted row by row (a path filter).
        var all = await SearchAsync(new FindingFilter { RepositoryId = run.RepositoryId });
        var scoped = await SearchAsync(new FindingFilter { RepositoryId = run.RepositoryId, RuleScope = RuleScope.ShiftLeft });
        var scopedByPath = await SearchAsync(new FindingFilter { RepositoryId = run.RepositoryId, RuleScope = RuleScope.ShiftLeft, PathContains = "A.cs" });
        Assert.Equal(4, all.TotalCount);
        Assert.Equal(["SL0001", "SL0003"], scoped.Items.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.Equal(2, scoped.TotalCount);
        Assert.Equal(2, scopedByPath.TotalCount);

        Assert.Equal(["SL0001", "SL0003"], await portal.WithAsync<IFindingQueryService, IReadOnlyList<string>>(s => s.ListRuleIdsAsync(run.RepositoryId, RuleScope.ShiftLeft)));

        var overview = await portal.WithAsync<IOverviewService, OverviewDto>(s => s.GetOverviewAsync(new OverviewQuery(RepositoryId: run.RepositoryId, RuleScope: RuleScope.ShiftLeft)));
        Assert.Equal(2, overview.OpenFindings);
        Assert.Equal(["SL0001", "SL0003"], overview.OpenByRule.Select(k => k.Key).Order(StringComparer.Ordinal));

        using var csv = new MemoryStream();
        await portal.WithAsync<IExportService>(s => s.WriteFindingsCsvAsync(new FindingFilter { RepositoryId = run.RepositoryId, RuleScope = RuleScope.ShiftLeft }, csv));
        var lines = System.Text.Encoding.UTF8.GetString(csv.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains("CS8602", StringComparison.Ordinal) || l.Contains("CA1822", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_choice_is_remembered_per_person(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        await using var db = portal.Db();
        var ada = new PortalUser { UserName = "ada-scope@example.test", Email = "ada-scope@example.test", CreatedAt = TestClock.StartUtc };
        var bob = new PortalUser { UserName = "bob-scope@example.test", Email = "bob-scope@example.test", CreatedAt = TestClock.StartUtc };
        db.Users.AddRange(ada, bob);
        await db.SaveChangesAsync();

        await portal.WithAsync<IUserPreferenceService>(s => s.SetRuleScopeAsync(ada.Id, RuleScope.ShiftLeft));
        Assert.Equal(RuleScope.ShiftLeft, await portal.WithAsync<IUserPreferenceService, RuleScope>(s => s.GetRuleScopeAsync(ada.Id)));
        Assert.Equal(RuleScope.All, await portal.WithAsync<IUserPreferenceService, RuleScope>(s => s.GetRuleScopeAsync(bob.Id)));
        await portal.WithAsync<IUserPreferenceService>(s => s.SetRuleScopeAsync(ada.Id, RuleScope.All));
        Assert.Equal(RuleScope.All, await portal.WithAsync<IUserPreferenceService, RuleScope>(s => s.GetRuleScopeAsync(ada.Id)));
        await Assert.ThrowsAsync<ShiftLeft.Portal.Core.Security.PortalNotFoundException>(() =>
            portal.WithAsync<IUserPreferenceService>(s => s.SetRuleScopeAsync("no-such-user", RuleScope.ShiftLeft)));
    }

    [Fact]
    public void ShiftLeft_rules_are_the_documented_ones()
    {
        Assert.Contains("SL0001", RuleDocumentation.ShiftLeftRuleIds);
        Assert.Contains("SL1007", RuleDocumentation.ShiftLeftRuleIds);
        var documented = Directory.GetFiles(Path.Combine(RepositoryRoot(), "docs", "rules"), "*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(documented, RuleDocumentation.ShiftLeftRuleIds);
        Assert.False(RuleDocumentation.IsShiftLeftRule("CS8602"));
        Assert.Null(RuleDocumentation.Markdown("CA1822"));
        Assert.StartsWith("# SL0003", RuleDocumentation.Markdown("SL0003"), StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ShiftLeft.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("The repository root (ShiftLeft.sln) is not above " + AppContext.BaseDirectory);
    }
}
