using System.Globalization;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

[Collection(PortalCollection.Name)]
public sealed class FindingsGridTests(PortalFixture fixture)
{
    [Fact]
    public async Task Filters_narrow_the_grid_to_exactly_the_matching_findings()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("findings");
        await Grid.WaitForTotalAsync(page, fixture.OpenNow().Length);

        await session.PickAsync("filter-severity", "Error");
        await session.ClosePopoversAsync();
        var errors = fixture.OpenNow().Where(f => f.Level == "error").ToArray();
        await Grid.WaitForTotalAsync(page, errors.Length);
        Assert.All(await page.Locator("[data-testid=finding-severity]").AllInnerTextsAsync(), s => Assert.Equal("Error", s.Trim()));
        await session.ScreenshotAsync("findings-filtered-errors");

        // Clear severity, filter by rule and path together.
        await session.PickAsync("filter-severity", "Error"); // a second pick deselects it
        await session.ClosePopoversAsync();
        await Grid.WaitForTotalAsync(page, fixture.OpenNow().Length);
        await session.PickAsync("filter-rule", "CS0168");
        await session.ClosePopoversAsync();
        await Grid.WaitForTotalAsync(page, fixture.OpenNow().Count(f => f.RuleId == "CS0168"));
        await page.Locator("[data-testid=filter-path]").FillAsync("Support/");
        var expected = fixture.OpenNow().Count(f => f.RuleId == "CS0168" && f.RelativePath.Contains("Support/", StringComparison.OrdinalIgnoreCase));
        await Grid.WaitForTotalAsync(page, expected);
        Assert.All(await page.Locator("[data-testid=finding-location]").AllInnerTextsAsync(), l => Assert.Contains("src/Support/", l, StringComparison.Ordinal));
        Assert.All(await page.Locator("[data-testid=finding-rule]").AllInnerTextsAsync(), r => Assert.Equal("CS0168", r.Trim()));
    }

    [Fact]
    public async Task Suppressed_in_source_findings_are_not_open_but_can_be_shown()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("findings");
        await session.PickAsync("filter-visibility", "Suppressed in source");
        var suppressed = fixture.Seed.Current.Where(f => f.Suppressed).ToArray();
        Assert.NotEmpty(suppressed);
        await Grid.WaitForTotalAsync(page, suppressed.Length);
        var location = (await page.Locator("[data-testid=finding-location]").First.InnerTextAsync()).Trim();
        Assert.Equal($"{suppressed[0].RelativePath}:{suppressed[0].StartLine}", location);
    }

    [Fact]
    public async Task Paths_are_repository_relative_and_rows_link_to_the_finding()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("findings");
        await Grid.WaitForTotalAsync(page, fixture.OpenNow().Length);
        var locations = await page.Locator("[data-testid=finding-location]").AllInnerTextsAsync();
        Assert.All(locations, l => Assert.StartsWith("src/", l.Trim(), StringComparison.Ordinal));

        var first = fixture.OpenNow().OrderBy(f => f.RelativePath, StringComparer.Ordinal).First(f => f.Level == "error");
        await session.PickAsync("filter-severity", "Error");
        await session.ClosePopoversAsync();
        await Grid.OpenFindingAsync(page, page.Locator("[data-testid=finding-location]").Filter(new() { HasText = $"{first.RelativePath}:{first.StartLine}" }));
        Assert.Equal(first.Message, (await page.Locator("[data-testid=detail-message]").InnerTextAsync()).Trim());
        Assert.StartsWith($"{first.RelativePath}:{first.StartLine}:", (await page.Locator("[data-testid=detail-location]").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await session.ScreenshotAsync("finding-detail");
    }
}

/// <summary>Reading the findings grid.</summary>
public static class Grid
{
    public static async Task WaitForTotalAsync(Microsoft.Playwright.IPage page, int expected)
    {
        var total = page.Locator("[data-testid=finding-total]");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        string shown;
        do
        {
            shown = (await total.InnerTextAsync()).Trim();
            if (shown == expected.ToString(CultureInfo.InvariantCulture))
            {
                // The total updates with the rows; rows on page 1 are min(total, 25).
                var rows = await page.Locator("[data-testid=finding-rule]").CountAsync();
                if (rows == Math.Min(expected, 25)) return;
            }
            await Task.Delay(100);
        }
        while (waited.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Fail($"The grid shows {shown} findings; expected {expected}.");
    }

    /// <summary>
    /// Clicks a grid row and waits for its finding's page. A click that lands while a closing filter popover still
    /// covers the grid only closes the popover, so it is retried (twice at most) before failing. The navigation goes
    /// through the server circuit and can take longer than one wait under load: a retry clicks again only if the page
    /// is still the grid (clicking a row that a late navigation already removed waited 30 s for it and failed).
    /// </summary>
    public static async Task OpenFindingAsync(Microsoft.Playwright.IPage page, Microsoft.Playwright.ILocator cell)
    {
        static bool OnFindingPage(string url) => url.Contains("/findings/", StringComparison.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            if (!OnFindingPage(page.Url))
                await cell.ClickAsync();
            try
            {
                await page.WaitForURLAsync(OnFindingPage,
                    new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit, Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
        await PortalSession.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=detail-message]").WaitForAsync();
    }

    /// <summary>Waits until the locations shown on the grid's page satisfy <paramref name="condition"/>.</summary>
    public static async Task WaitForAsync(Microsoft.Playwright.IPage page, Func<IReadOnlyList<string>, bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<string> shown;
        do
        {
            shown = await page.Locator("[data-testid=finding-location]").AllInnerTextsAsync();
            if (condition(shown)) return;
            await Task.Delay(100);
        }
        while (waited.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Fail("The grid never showed the expected rows; it shows: " + string.Join(", ", shown));
    }
}
