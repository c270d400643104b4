using System.Globalization;
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
        var open = fixture.Seed.Current.Where(f => !f.Suppressed && !fixture.Ledger.IsClosed(f)).ToArray();
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
}
