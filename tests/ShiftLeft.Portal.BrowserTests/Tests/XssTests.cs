using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

[Collection(PortalCollection.Name)]
public sealed class XssTests(PortalFixture fixture)
{
    [Fact]
    public async Task Finding_message_with_an_xss_payload_is_shown_as_text_and_never_runs()
    {
        var payloadFinding = fixture.Seed.Current.Single(f => f.RuleId == "CS1030");
        Assert.Contains(SeedData.XssPayload, payloadFinding.Message, StringComparison.Ordinal);

        await using var session = await fixture.OpenAsync(PortalFixture.TriagerEmail);
        var page = session.Page;
        // A page-level trap: anything the payload manages to run would call alert() or leave an <img src=x>.
        // Filtered through the page's query string: this test is about rendering, the filter bar has its own tests.
        await session.GoAsync("findings?rule=CS1030");
        await Grid.WaitForTotalAsync(page, 1);
        var gridMessage = page.Locator("[data-testid=finding-message]").First;
        await session.ExpectVisibleAsync(gridMessage, "xss-grid-row");
        Assert.Equal(payloadFinding.Message, (await gridMessage.InnerTextAsync()).Trim());
        Assert.Equal(0, await gridMessage.Locator("img, script").CountAsync());
        await session.ScreenshotAsync("xss-grid");

        await Grid.OpenFindingAsync(page, gridMessage);
        var detail = page.Locator("[data-testid=detail-message]");
        Assert.Equal(payloadFinding.Message, (await detail.InnerTextAsync()).Trim());
        Assert.Equal(0, await detail.Locator("img, script").CountAsync());
        Assert.Equal(0, await page.Locator("main img[src='x']").CountAsync());
        await session.ScreenshotAsync("xss-detail");

        // Give any injected handler a chance to fire before concluding nothing did.
        await page.WaitForTimeoutAsync(500);
        Assert.Empty(session.Dialogs);
    }
}
