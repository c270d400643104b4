using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Portal_serves_mudblazor_assets()
    {
        await using var portal = await PortalProcess.StartAsync(TimeSpan.FromSeconds(60));
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(new Uri(portal.BaseAddress, "not-found").ToString());
        Assert.NotNull(response);
        var css = await page.APIRequest.GetAsync(new Uri(portal.BaseAddress, "_content/MudBlazor/MudBlazor.min.css").ToString());
        Assert.Equal(200, css.Status);
        await page.ScreenshotAsync(new() { Path = "/tmp/smoke.png" });
    }
}
