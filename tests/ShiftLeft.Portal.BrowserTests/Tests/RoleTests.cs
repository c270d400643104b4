using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

[Collection(PortalCollection.Name)]
public sealed class RoleTests(PortalFixture fixture)
{
    [Fact]
    public async Task Viewer_reads_everything_but_cannot_triage_or_administer()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("findings");
        await Grid.WaitForTotalAsync(page, fixture.Seed.Current.Count(f => !f.Suppressed && !fixture.Ledger.IsClosed(f)));
        Assert.Equal(0, await page.Locator("[data-testid=triage-matching]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=triage-selected]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=findings-grid] input[type=checkbox]").CountAsync());
        Assert.Equal(0, await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Ingestion tokens" }).CountAsync());

        await Grid.OpenFindingAsync(page, page.Locator("[data-testid=finding-location]").First);
        Assert.Equal(0, await page.Locator("[data-testid=triage-button]").CountAsync());

        foreach (var adminPage in new[] { "admin/tokens", "admin/users", "admin/audit" })
        {
            // A direct load is refused by endpoint authorization before any component renders.
            await page.GotoAsync(adminPage);
            await page.Locator("[data-testid=access-denied]").WaitForAsync();
            Assert.Equal(0, await page.Locator("[data-testid=tokens-table], [data-testid=users-table], [data-testid=audit-table]").CountAsync());
        }
        await session.ScreenshotAsync("viewer-access-denied");
    }

    [Fact]
    public async Task Triager_can_triage_but_not_administer()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.TriagerEmail);
        var page = session.Page;
        await session.GoAsync("findings");
        await page.Locator("[data-testid=triage-matching]").WaitForAsync();
        Assert.Equal(0, await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Ingestion tokens" }).CountAsync());
        await page.GotoAsync("admin/tokens");
        await page.Locator("[data-testid=access-denied]").WaitForAsync();
    }

    [Fact]
    public async Task Admin_sees_the_administration_menu()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.AdminEmail);
        var page = session.Page;
        await session.GoAsync("");
        foreach (var name in new[] { "Ingestion tokens", "Users and roles", "Audit log" })
            Assert.Equal(1, await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = name }).CountAsync());
        await session.GoAsync("admin/users");
        foreach (var email in new[] { PortalFixture.AdminEmail, PortalFixture.TriagerEmail, PortalFixture.ViewerEmail })
            await page.Locator("[data-testid=user-row-name]").Filter(new() { HasText = email }).WaitForAsync();
        await session.ScreenshotAsync("admin-users");
    }
}
