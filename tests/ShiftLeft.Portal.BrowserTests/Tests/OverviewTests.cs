using System.Globalization;
using Microsoft.Playwright;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

[Collection(PortalCollection.Name)]
public sealed class OverviewTests(PortalFixture fixture)
{
    [Fact]
    public async Task Overview_numbers_match_the_ingested_sarif_and_evidence()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("");
        await page.Locator("[data-testid=kpi-open-value]").WaitForAsync();
        await session.ScreenshotAsync("overview");

        // Open = the latest run's results that are neither suppressed in source nor closed by a test's triage.
        var open = fixture.OpenNow();
        Assert.Equal(open.Length.ToString(CultureInfo.InvariantCulture), (await page.Locator("[data-testid=kpi-open-value]").InnerTextAsync()).Trim());

        foreach (var (level, severity) in new[] { ("error", "Error"), ("warning", "Warning"), ("note", "Note") })
        {
            var expected = open.Count(f => f.Level == level);
            var row = page.Locator($"[data-testid=open-by-severity] tr[data-severity={severity}] [data-testid=severity-count]");
            var shown = await row.CountAsync() == 0 ? 0 : int.Parse(await row.InnerTextAsync(), CultureInfo.InvariantCulture);
            Assert.True(expected == shown, $"{severity}: expected {expected} open, the overview shows {shown}");
        }

        foreach (var rule in open.GroupBy(f => f.RuleId))
        {
            var chip = page.Locator($"[data-testid=open-by-rule] [data-key='{rule.Key}']");
            Assert.Equal(rule.Count().ToString(CultureInfo.InvariantCulture), await chip.GetAttributeAsync("data-count"));
        }
        Assert.Equal(open.Select(f => f.RuleId).Distinct().Count(), await page.Locator("[data-testid=open-by-rule] [data-key]").CountAsync());

        var owasp = open.Count(f => f.RuleId == SeedData.OwaspMappedRule);
        var owaspChip = page.Locator($"[data-testid=open-by-owasp] [data-key={SeedData.OwaspCategory}]");
        if (owasp == 0) Assert.Equal(0, await owaspChip.CountAsync());
        else Assert.Equal(owasp.ToString(CultureInfo.InvariantCulture), await owaspChip.GetAttributeAsync("data-count"));

        // Evidence: search-ranker has every requirement present and passing, support-assistant does not -> 1 of 2.
        Assert.Equal("50 %", (await page.Locator("[data-testid=kpi-coverage-value]").InnerTextAsync()).Trim());
        // Gate: two support-bot runs failed, the search-api run passed -> 1 of 3.
        Assert.Equal("33.3 %", (await page.Locator("[data-testid=kpi-gate-value]").InnerTextAsync()).Trim());
        // One finding (the unused 'batch') was fixed by run 2 within seconds of being found.
        var mttr = (await page.Locator("[data-testid=kpi-mttr-value]").InnerTextAsync()).Trim();
        Assert.Equal("0 d", mttr);

        Assert.Empty(session.Dialogs);
    }

    [Fact]
    public void The_empty_overview_was_a_first_run_checklist()
    {
        var firstRun = fixture.FirstRun;
        Assert.True(firstRun.TokenStepDone, "the token existed when the checklist was read");
        Assert.Equal("admin/tokens", firstRun.TokenLink);
        Assert.Contains("-p:ErrorLog=build.sarif%2Cversion=2.1", firstRun.UploadCommand, StringComparison.Ordinal);
        Assert.Contains(fixture.Portal.BaseAddress + "api/v1/runs", firstRun.UploadCommand, StringComparison.Ordinal);
        Assert.Matches(@"^https://\S+/portal\.html#uploading-runs", firstRun.CiGuideLink);
        Assert.Equal(0, firstRun.KpiCards);
    }

    [Fact]
    public async Task A_visit_computes_the_overview_once_for_the_prerender_and_the_live_page()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var before = Computations();
        await session.GoAsync("");
        await session.Page.Locator("[data-testid=kpi-open-value]").WaitForAsync();
        // The circuit would compute it again right after connecting; give it time to show up if it did.
        await session.Page.WaitForTimeoutAsync(1_500);
        Assert.Equal(before + 1, Computations());

        int Computations() => System.Text.RegularExpressions.Regex.Matches(fixture.Portal.Console, "Overview computed").Count;
    }

    [Fact]
    public async Task ShiftLeft_rules_only_hides_compiler_and_CA_rules_and_is_remembered()
    {
        var open = fixture.OpenNow();
        await using (var session = await fixture.OpenAsync(PortalFixture.ScopeEmail))
        {
            var page = session.Page;
            await session.GoAsync("");
            await Assertions.Expect(page.Locator("[data-testid=kpi-open-value]")).ToHaveTextAsync(open.Length.ToString(CultureInfo.InvariantCulture));
            await page.Locator("[data-testid=rule-scope]").ClickAsync();
            // The sample is compiled without ShiftLeft's analyzers: every open finding is a compiler or CA rule.
            await Assertions.Expect(page.Locator("[data-testid=kpi-open-value]")).ToHaveTextAsync("0");
            Assert.Equal(0, await page.Locator("[data-testid=open-by-rule] [data-key]").CountAsync());
        }

        await using (var later = await fixture.OpenAsync(PortalFixture.ScopeEmail))
        {
            var page = later.Page;
            await later.GoAsync("findings");
            await Assertions.Expect(page.Locator("input[data-testid=rule-scope], [data-testid=rule-scope] input").First).ToBeCheckedAsync();
            await Grid.WaitForTotalAsync(page, 0);
            await later.GoAsync("");
            await Assertions.Expect(page.Locator("[data-testid=kpi-open-value]")).ToHaveTextAsync("0");
            await page.Locator("[data-testid=rule-scope]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=kpi-open-value]")).ToHaveTextAsync(open.Length.ToString(CultureInfo.InvariantCulture));
        }

        // Another person's view never changed.
        await using var viewer = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        await viewer.GoAsync("findings");
        await Grid.WaitForTotalAsync(viewer.Page, open.Length);
    }
}
