using Microsoft.Playwright;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>What an admin does in the admin pages, driven through the real UI.</summary>
public static class AdminPages
{
    public static async Task CreateUserAsync(IPage page, string email, string displayName, string role)
    {
        await page.GotoAsync("admin/users");
        await PortalSession.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=user-email] input").FillAsync(email);
        await page.Locator("[data-testid=user-name] input").FillAsync(displayName);
        await page.Locator("[data-testid=user-password] input").FillAsync(PortalFixture.Password);
        await page.Locator("[data-testid=user-role]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = role }).First.ClickAsync();
        await page.ClickAsync("[data-testid=user-create-button]");
        await page.Locator("[data-testid=user-row-name]").Filter(new() { HasText = email }).WaitForAsync();
    }

    /// <summary>Creates a token and returns the plaintext the page shows once.</summary>
    public static async Task<string> CreateTokenAsync(IPage page, string name, bool allRepositories, string? repositories = null)
    {
        await page.GotoAsync("admin/tokens");
        await PortalSession.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=token-name] input").FillAsync(name);
        if (allRepositories) await page.Locator("[data-testid=token-all] input").CheckAsync();
        else await page.Locator("[data-testid=token-repositories] input").FillAsync(repositories!);
        await page.ClickAsync("[data-testid=token-create-button]");
        var secret = (await page.Locator("[data-testid=token-secret]").InnerTextAsync()).Trim();
        if (secret.Length < 20) throw new InvalidOperationException($"The token page showed an implausible secret '{secret}'.");
        return secret;
    }
}
