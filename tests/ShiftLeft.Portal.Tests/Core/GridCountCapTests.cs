using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>Above the cap a row count stops and says it is a lower bound; totals from the statistics stay exact.</summary>
public sealed class GridCountCapTests(BothProviders providers) : IClassFixture<BothProviders>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_row_count_stops_at_the_cap_and_says_so_while_statistics_stay_exact(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        const int count = 10_050;
        var results = Enumerable.Range(0, count).Select(i => new SyntheticResult("SL0003", $"Personal data 'n{i}' is written to a log", $"file:///build/agent/chatbot/src/Module{i / 400}/Big.cs", 1 + (i % 400)));
        var big = await portal.IngestAsync("contoso/big", "b1", results);
        Assert.Equal(count, big.New);

        var filter = new FindingFilter { RepositoryId = big.RepositoryId };
        Assert.Equal((count, false), Total(await GridAndReimportTests.SearchAsync(portal, filter)));
        Assert.Equal((10_000, true), Total(await GridAndReimportTests.SearchAsync(portal, filter with { PathContains = "big.cs" })));
        Assert.Equal((400, false), Total(await GridAndReimportTests.SearchAsync(portal, filter with { PathContains = "module3/" })));
        var last = await GridAndReimportTests.SearchAsync(portal, filter, new FindingPageRequest(Page: 201, PageSize: 50));
        Assert.Equal(50, last.Items.Count);
    }

    private static (int, bool) Total<T>(PagedResult<T> page) => (page.TotalCount, page.TotalIsLowerBound);
}
