using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

[Collection(PortalCollection.Name)]
public sealed class RepositoryTests(PortalFixture fixture)
{
    [Fact]
    public async Task Repository_search_then_detail_with_run_history_and_ai_systems()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("repositories");
        await page.Locator("[data-testid=repository-total]").Filter(new() { HasText = "2" }).WaitForAsync();
        await session.ScreenshotAsync("repositories");

        await page.Locator("[data-testid=repository-search]").FillAsync("support");
        await page.Locator("[data-testid=repository-total]").Filter(new() { HasText = "1" }).WaitForAsync();
        await page.Locator("[data-testid=repository-name]").Filter(new() { HasText = SeedData.SupportRepository }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/repositories/", StringComparison.Ordinal));
        await PortalSession.WaitInteractiveAsync(page);

        var open = fixture.OpenNow().Length;
        Assert.Equal($"{open} open", (await page.Locator("[data-testid=repository-open-total]").InnerTextAsync()).Trim());
        await Grid.WaitForTotalAsync(page, open);
        await session.ScreenshotAsync("repository-detail");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "Runs" }).ClickAsync();
        var runs = page.Locator("[data-testid=run-history] tbody tr");
        await runs.Nth(1).WaitForAsync();
        Assert.Equal(2, await runs.CountAsync());
        Assert.Contains("2222222222", await runs.First.InnerTextAsync(), StringComparison.Ordinal); // newest first

        await page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "AI systems" }).ClickAsync();
        var system = page.Locator("[data-testid=ai-systems-table] tr").Filter(new() { HasText = "support-assistant" });
        await system.WaitForAsync();
        Assert.Equal("Blocked", (await system.Locator("[data-testid=ai-system-shippable]").InnerTextAsync()).Trim());
        Assert.Equal("high", (await system.Locator("[data-testid=risk-tier]").InnerTextAsync()).Trim());
        await session.ScreenshotAsync("repository-ai-systems");
    }

    [Fact]
    public async Task Ai_system_page_shows_each_requirement_with_status_and_the_exception_expiry()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("ai-systems");
        await page.Locator("[data-testid=ai-system-total]").Filter(new() { HasText = "2" }).WaitForAsync();
        await session.ScreenshotAsync("ai-systems");
        await page.Locator("[data-testid=ai-system-name]").Filter(new() { HasText = "support-assistant" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/ai-systems/", StringComparison.Ordinal));
        await PortalSession.WaitInteractiveAsync(page);

        var expected = new Dictionary<string, string>
        {
            ["modelCard"] = "Present", ["evaluation"] = "Present", ["redTeam"] = "Missing",
            ["riskRegister"] = "Excepted", ["dataSheet"] = "Stale", ["oversightPlan"] = "Present",
        };
        var rows = page.Locator("[data-testid=requirements] tbody tr");
        await rows.Nth(expected.Count - 1).WaitForAsync();
        foreach (var (kind, status) in expected)
        {
            var row = rows.Filter(new() { Has = page.Locator("[data-testid=requirement-kind]", new() { HasTextRegex = FindingPages.Exactly(kind) }) });
            Assert.Equal(status, (await row.Locator("[data-testid=requirement-status]").InnerTextAsync()).Trim());
        }
        var expiry = await rows.Filter(new() { HasText = "riskRegister" }).Locator("[data-testid=exception-expiry]").InnerTextAsync();
        Assert.Contains(BrowserPortal.Today.AddDays(45).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), expiry, StringComparison.Ordinal);
        Assert.Contains("Carol CTO", expiry, StringComparison.Ordinal);
    }
}
