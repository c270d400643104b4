using Microsoft.Playwright;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

/// <summary>The users page's role pickers and what the audit log says about account commands.</summary>
[Collection(PortalCollection.Name)]
public sealed class AdminPageTests(PortalFixture fixture)
{
    [Fact]
    public async Task The_role_picker_resets_after_a_creation_and_after_a_cancelled_password_prompt()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.AdminEmail);
        var page = session.Page;
        await AdminPages.CreateUserAsync(page, "picker@contoso.test", "Pat Picker", "admin");
        await Assertions.Expect(page.Locator("[data-testid=user-role]")).ToContainTextAsync("viewer");

        // Demote Pat, then cancel the password prompt: the row goes back to the stored role.
        var row = page.Locator("[data-testid=users-table] tr").Filter(new() { HasText = "picker@contoso.test" });
        await PortalSession.PickAsync(page, row.Locator("[data-testid=user-row-role]"), "triager");
        await page.Locator("[data-testid=reauth-dialog]").WaitForAsync();
        await page.Locator("[data-testid=reauth-cancel]").ClickAsync();
        await page.Locator("[data-testid=reauth-dialog]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await Assertions.Expect(row.Locator("[data-testid=user-row-role]")).ToContainTextAsync("admin");
    }

    [Fact]
    public async Task The_audit_log_names_people_and_logs_an_unlock_as_an_unlock()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.AdminEmail);
        var page = session.Page;
        await AdminPages.CreateUserAsync(page, "locked@contoso.test", "Lou Locked", "viewer");
        var row = page.Locator("[data-testid=users-table] tr").Filter(new() { HasText = "locked@contoso.test" });
        // The switch's label says the state; clicking it toggles.
        await row.GetByText("Active", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Locked");
        await row.GetByText("Locked", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Active");

        await session.GoAsync("admin/audit");
        await page.Locator("[data-testid=audit-action-filter]").FillAsync("user.");
        // The filter applies once typing pauses: only account entries are left.
        await Assertions.Expect(page.Locator("[data-testid=audit-table] tbody tr").Filter(new() { HasText = "token.created" })).ToHaveCountAsync(0);
        var unlocked = page.Locator("[data-testid=audit-table] tr").Filter(new() { HasText = "user.unlocked" });
        await unlocked.First.WaitForAsync();
        Assert.Equal("Ada Admin <admin@contoso.test>", (await unlocked.First.Locator("[data-testid=audit-actor]").InnerTextAsync()).Trim());
        Assert.Equal("user Lou Locked <locked@contoso.test>", (await unlocked.First.Locator("[data-testid=audit-entity]").InnerTextAsync()).Trim());
        await page.Locator("[data-testid=audit-table] tr").Filter(new() { HasText = "user.locked-out" }).Filter(new() { HasText = "Lou Locked" }).First.WaitForAsync();
        // No entry names a person by an internal id.
        foreach (var cell in await page.Locator("[data-testid=audit-actor], [data-testid=audit-entity]").AllInnerTextsAsync())
            Assert.DoesNotMatch(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", cell);
        await session.ScreenshotAsync("audit-log-people");
    }
}
