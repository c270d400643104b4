using Microsoft.Playwright;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

/// <summary>Rule documentation is served by the portal: ShiftLeft's pages rendered, other rules linked to their analyzer's https page.</summary>
[Collection(PortalCollection.Name)]
public sealed class RulePageTests(PortalFixture fixture)
{
    [Fact]
    public async Task A_ShiftLeft_rule_page_is_rendered_here_with_its_links_kept_inside_the_portal()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("rules/SL0003");
        var doc = page.Locator("[data-testid=rule-doc]");
        await doc.Locator("h1").WaitForAsync();
        Assert.StartsWith("SL0003", (await doc.Locator("h1").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.True(await doc.Locator("table").CountAsync() > 0);
        Assert.Equal(0, await doc.Locator("script, img, iframe, [onerror], [onclick]").CountAsync());
        foreach (var href in await doc.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href') ?? '')"))
            Assert.Matches(@"^(rules/SL\d{4}(#[\w-]+)?|#[\w-]+|https://\S+)$", href);

        await doc.Locator("a[href='rules/SL0004']").First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/rules/SL0004", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=rule-doc] h1")).ToContainTextAsync("SL0004");
        await session.ScreenshotAsync("rule-page");
        Assert.Empty(session.Dialogs);
    }

    [Fact]
    public async Task A_compiler_rule_links_from_its_finding_to_its_own_https_help_page()
    {
        var target = fixture.Seed.Current.First(f => f.RuleId == "CS8602");
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await FindingPages.OpenAsync(session, target);
        Assert.Equal("rules/CS8602", await page.Locator("[data-testid=rule-doc-link]").GetAttributeAsync("href"));
        await page.Locator("[data-testid=rule-doc-link]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/rules/CS8602", StringComparison.Ordinal));
        var help = page.Locator("[data-testid=rule-help-link]");
        await help.WaitForAsync();
        Assert.StartsWith("https://", await help.GetAttributeAsync("href"), StringComparison.Ordinal);
    }
}
