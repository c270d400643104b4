using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

/// <summary>The findings grid's filter lives in the address, and its bulk-triage button counts from the first render.</summary>
[Collection(PortalCollection.Name)]
public sealed class FindingsAddressTests(PortalFixture fixture)
{
    [Fact]
    public async Task A_link_from_the_overview_lands_on_a_live_triage_all_button()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.TriagerEmail);
        var page = session.Page;
        await session.GoAsync("findings?severity=Warning");
        var warnings = fixture.OpenNow().Count(f => f.Level == "warning");
        Assert.True(warnings > 0, "the sample should have open warnings");
        await Grid.WaitForTotalAsync(page, warnings);

        // Nothing clicked, nothing re-filtered: the count and the button are right on the first render.
        var button = page.Locator("[data-testid=triage-matching]");
        await Assertions.Expect(button).ToHaveTextAsync(new Regex($"Triage all {warnings} matching"));
        await Assertions.Expect(button).ToBeEnabledAsync();
        await button.ClickAsync();
        await page.Locator("[data-testid=triage-dialog]").WaitForAsync();
        Assert.Contains($"all {warnings} findings matching", await page.Locator(".mud-dialog").InnerTextAsync(), StringComparison.Ordinal);
        await page.ClickAsync("[data-testid=triage-cancel]");
    }

    [Fact]
    public async Task Back_reload_and_a_pasted_link_restore_the_filtered_view()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("findings");
        await Grid.WaitForTotalAsync(page, fixture.OpenNow().Length);

        await session.PickAsync("filter-severity", "Error");
        await session.ClosePopoversAsync();
        await page.WaitForURLAsync(url => url.Contains("severity=Error", StringComparison.Ordinal));
        var errors = fixture.OpenNow().Count(f => f.Level == "error");
        await Grid.WaitForTotalAsync(page, errors);

        await session.PickAsync("filter-visibility", "All");
        await page.WaitForURLAsync(url => url.Contains("visibility=All", StringComparison.Ordinal) && url.Contains("severity=Error", StringComparison.Ordinal));
        var allErrors = fixture.Seed.Current.Count(f => f.Level == "error") + (fixture.Seed.FixedInRun2.Level == "error" ? 1 : 0);
        await Grid.WaitForTotalAsync(page, allErrors);
        var filtered = page.Url;

        // Back: one step to open errors only.
        await page.GoBackAsync();
        await page.WaitForURLAsync(url => !url.Contains("visibility=All", StringComparison.Ordinal) && url.Contains("severity=Error", StringComparison.Ordinal));
        await Grid.WaitForTotalAsync(page, errors);
        await page.GoForwardAsync();
        await Grid.WaitForTotalAsync(page, allErrors);

        // Reload: the same view, the filter bar showing it.
        await page.ReloadAsync();
        await PortalSession.WaitInteractiveAsync(page);
        await Grid.WaitForTotalAsync(page, allErrors);
        Assert.Contains("All", await Shown(page, "filter-visibility"), StringComparison.Ordinal);
        Assert.Contains("Error", await Shown(page, "filter-severity"), StringComparison.Ordinal);

        // A pasted link, in another person's browser.
        await using var other = await fixture.OpenAsync(PortalFixture.TriagerEmail);
        await other.GoAsync(filtered);
        await Grid.WaitForTotalAsync(other.Page, allErrors);
        Assert.All(await other.Page.Locator("[data-testid=finding-severity]").AllInnerTextsAsync(), s => Assert.Equal("Error", s.Trim()));
    }

    [Fact]
    public async Task A_repository_page_keeps_its_grid_filter_in_its_own_address()
    {
        var repositoryId = fixture.Seed.RunResponses[0]["repositoryId"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync($"repositories/{repositoryId}?severity=Note");
        var notes = fixture.OpenNow().Count(f => f.Level == "note");
        await Grid.WaitForTotalAsync(page, notes);
        await session.PickAsync("filter-severity", "Note");
        await session.ClosePopoversAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/repositories/{repositoryId}", StringComparison.Ordinal));
        await Grid.WaitForTotalAsync(page, fixture.OpenNow().Length);
    }

    /// <summary>What a filter control shows: its text and its inputs' values (MudSelect shows its choice in an input).</summary>
    private static Task<string> Shown(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}]").First.EvaluateAsync<string>(
            "el => el.textContent + ' ' + Array.from(el.querySelectorAll('input')).map(i => i.value).join(' ') + ' ' + (el.value ?? '')");
}
