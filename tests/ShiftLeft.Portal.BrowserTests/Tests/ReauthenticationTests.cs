using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

/// <summary>
/// Sensitive admin actions in the UI need the password again unless the sign-in is recent (the browser fixtures run
/// with a zero window, so here they always ask), and the audit log records that the action came through the UI and from where.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ReauthenticationTests(PortalFixture fixture)
{
    [Fact]
    public async Task Creating_a_token_asks_for_the_password_and_a_wrong_one_creates_nothing()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.AdminEmail);
        var page = session.Page;
        await session.GoAsync("admin/tokens");
        await page.Locator("[data-testid=token-name]").FillAsync("reauth-ci");
        await page.Locator("[data-testid=token-all]").CheckAsync();
        await page.ClickAsync("[data-testid=token-create-button]");

        await page.Locator("[data-testid=reauth-dialog]").WaitForAsync();
        await page.Locator("[data-testid=reauth-password]").FillAsync("Not-The-Password-1");
        await page.Locator("[data-testid=reauth-confirm]").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=reauth-error]")).ToContainTextAsync("Wrong password");
        await session.ScreenshotAsync("reauth-wrong-password");
        await page.Locator("[data-testid=reauth-cancel]").ClickAsync();
        await page.Locator("[data-testid=reauth-dialog]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
        Assert.Equal(0, await page.Locator("[data-testid=token-secret]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=tokens-table] tr").Filter(new() { HasText = "reauth-ci" }).CountAsync());

        await page.ClickAsync("[data-testid=token-create-button]");
        await AdminPages.ConfirmPasswordAsync(page);
        await page.Locator("[data-testid=token-secret]").WaitForAsync();
        await page.Locator("[data-testid=tokens-table] tr").Filter(new() { HasText = "reauth-ci" }).WaitForAsync();

        await session.GoAsync("admin/audit");
        var entry = page.Locator("[data-testid=audit-table] tr").Filter(new() { HasText = "token.created" }).Filter(new() { HasText = "reauth-ci" }).First;
        await Microsoft.Playwright.Assertions.Expect(entry.Locator("[data-testid=audit-via]")).ToHaveTextAsync("UI · 127.0.0.1");
        Assert.Empty(session.Dialogs);
    }
}
