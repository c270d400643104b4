using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalFixture fixture)
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_and_back_after_signing_in()
    {
        await using var session = await fixture.OpenAnonymousAsync();
        var page = session.Page;
        await page.GotoAsync("findings");
        await page.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.Ordinal));
        Assert.Contains("returnurl=%2ffindings", page.Url, StringComparison.OrdinalIgnoreCase);
        await session.ScreenshotAsync("sign-in", ".account-card");

        await page.FillAsync("#signin-email", PortalFixture.ViewerEmail);
        await page.FillAsync("#signin-password", PortalFixture.Password);
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/findings", StringComparison.Ordinal));
        await PortalSession.WaitInteractiveAsync(page);
        Assert.Equal(PortalFixture.ViewerEmail, (await page.Locator("[data-testid=current-user]").InnerTextAsync()).Trim());
        Assert.Equal("viewer", (await page.Locator("[data-testid=current-role]").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Single_sign_on_errors_arrive_as_codes_and_a_crafted_message_is_never_shown()
    {
        await using var session = await fixture.OpenAnonymousAsync();
        var page = session.Page;
        var error = page.Locator("[data-testid=signin-error]");

        await page.GotoAsync("account/signin?error=no-role");
        Assert.Equal("Your account has no portal role; ask an administrator to map your group.", (await error.InnerTextAsync()).Trim());

        // A link someone crafted to make the portal's own sign-in page say something else.
        await page.GotoAsync("account/signin?error=" + Uri.EscapeDataString("Your account is suspended. Call +1 555 0100 to restore it."));
        Assert.Equal("Single sign-on failed; try again.", (await error.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        await using var session = await fixture.OpenAnonymousAsync();
        var page = session.Page;
        await page.GotoAsync("account/signin");
        await page.FillAsync("#signin-email", PortalFixture.TriagerEmail);
        await page.FillAsync("#signin-password", "not-the-password-1A");
        await page.ClickAsync("[data-testid=signin-submit]");
        var error = page.Locator("[data-testid=signin-error]");
        await error.WaitForAsync();
        Assert.Equal("Wrong email or password.", (await error.InnerTextAsync()).Trim());
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);

        // An unknown account gets the very same answer.
        await page.FillAsync("#signin-email", "nobody@contoso.test");
        await page.FillAsync("#signin-password", "not-the-password-1A");
        await page.ClickAsync("[data-testid=signin-submit]");
        await error.WaitForAsync();
        Assert.Equal("Wrong email or password.", (await error.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task First_admin_setup_is_closed_once_an_admin_exists()
    {
        await using var session = await fixture.OpenAnonymousAsync();
        await session.Page.GotoAsync("setup?code=anything");
        await session.Page.Locator("[data-testid=setup-done]").WaitForAsync();
        Assert.Equal(0, await session.Page.Locator("[data-testid=setup-submit]").CountAsync());
    }

    /// <summary>
    /// Signing out ends every session of the person, copies of the cookie included (docs/portal.md "Sessions"), so the
    /// test signs out a person of its own: the shared test users' sessions are cached across tests.
    /// </summary>
    [Fact]
    public async Task Sign_out_ends_every_session_of_the_person()
    {
        const string email = "sid.signout@contoso.test";
        await using (var admin = await fixture.OpenAsync(PortalFixture.AdminEmail))
            await AdminPages.CreateUserAsync(admin.Page, email, "Sid Signout", "viewer");
        await using var session = await fixture.OpenAsync(email);
        await using var copy = await fixture.OpenAsync(email);
        await copy.GoAsync("repositories");

        await session.GoAsync("");
        await session.Page.ClickAsync("[data-testid=sign-out]");
        await session.Page.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.Ordinal));

        // The cookie is gone, and the copy of it in another browser no longer opens a page.
        await session.Page.GotoAsync("repositories");
        await session.Page.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.Ordinal));
        await copy.Page.GotoAsync("findings");
        await copy.Page.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.Ordinal));
    }
}
