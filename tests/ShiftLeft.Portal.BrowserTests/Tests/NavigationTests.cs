using Microsoft.Playwright;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

/// <summary>Unknown addresses and odd return URLs: a page that says what happened, never a 500 or an echo.</summary>
[Collection(PortalCollection.Name)]
public sealed class NavigationTests(PortalFixture fixture)
{
    [Fact]
    public async Task An_unknown_address_is_a_404_page_with_a_way_back()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        var response = await page.GotoAsync("no/such/page?q=%3Cb%3Eecho%3C%2Fb%3E");
        Assert.Equal(404, response!.Status);
        await PortalSession.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        Assert.DoesNotContain("echo", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        await session.ScreenshotAsync("not-found");
        await page.ClickAsync("[data-testid=not-found-home]");
        await page.Locator("[data-testid=kpi-open-value]").WaitForAsync();
    }

    [Fact]
    public async Task Signing_in_with_a_non_ascii_return_url_lands_on_that_page()
    {
        await using var session = await fixture.OpenAnonymousAsync();
        var page = session.Page;
        await page.GotoAsync("account/signin?ReturnUrl=" + Uri.EscapeDataString("/findings?path=Café/Süd"));
        await page.FillAsync("#signin-email", PortalFixture.ViewerEmail);
        await page.FillAsync("#signin-password", PortalFixture.Password);
        var statuses = new System.Collections.Concurrent.ConcurrentQueue<int>();
        page.Response += (_, response) => statuses.Enqueue(response.Status);
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForURLAsync(url => url.Contains("/findings?path=", StringComparison.Ordinal));
        await PortalSession.WaitInteractiveAsync(page);
        Assert.DoesNotContain(statuses, status => status >= 500);
        Assert.Equal("Café/Süd", await page.Locator("[data-testid=filter-path]").InputValueAsync());
        await page.Locator("[data-testid=findings-empty]").WaitForAsync();
    }
}
