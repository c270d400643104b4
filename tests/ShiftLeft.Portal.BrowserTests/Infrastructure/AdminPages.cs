using Microsoft.Playwright;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>What an admin does in the admin pages, driven through the real UI.</summary>
public static class AdminPages
{
    public static async Task CreateUserAsync(IPage page, string email, string displayName, string role)
    {
        await page.GotoAsync("admin/users");
        await PortalSession.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=user-email]").FillAsync(email);
        await page.Locator("[data-testid=user-name]").FillAsync(displayName);
        await page.Locator("[data-testid=user-password]").FillAsync(PortalFixture.Password);
        await PortalSession.PickAsync(page, "user-role", role);
        await Assertions.Expect(page.Locator("[data-testid=user-role]")).ToContainTextAsync(role);
        await page.ClickAsync("[data-testid=user-create-button]");
        await ConfirmPasswordAsync(page);
        var row = page.Locator("[data-testid=users-table] tr").Filter(new() { HasText = email });
        await row.WaitForAsync();
        var shownRole = await row.Locator("[data-testid=user-row-role]").InnerTextAsync();
        if (!shownRole.Contains(role, StringComparison.Ordinal))
            throw new InvalidOperationException($"{email} was created as '{shownRole.Trim()}', not {role}.");
    }

    /// <summary>Answers the "confirm it is you" prompt of a sensitive admin action with the password.</summary>
    public static async Task ConfirmPasswordAsync(IPage page, string password = PortalFixture.Password)
    {
        // MudDialog puts its data-testid on the content, not around the actions: find the parts by their own ids.
        var dialog = page.Locator("[data-testid=reauth-dialog]");
        await dialog.WaitForAsync();
        await page.Locator("[data-testid=reauth-password]").FillAsync(password);
        await page.Locator("[data-testid=reauth-confirm]").ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Creates a token and returns the plaintext the page shows once.</summary>
    public static async Task<string> CreateTokenAsync(IPage page, string name, bool allRepositories, string? repositories = null)
    {
        await page.GotoAsync("admin/tokens");
        await PortalSession.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=token-name]").FillAsync(name);
        if (allRepositories) await page.Locator("[data-testid=token-all]").CheckAsync();
        else await page.Locator("[data-testid=token-repositories]").FillAsync(repositories!);
        await page.ClickAsync("[data-testid=token-create-button]");
        await ConfirmPasswordAsync(page);
        var secret = (await page.Locator("[data-testid=token-secret]").InnerTextAsync()).Trim();
        if (secret.Length < 20) throw new InvalidOperationException($"The token page showed an implausible secret '{secret}'.");
        return secret;
    }
}
