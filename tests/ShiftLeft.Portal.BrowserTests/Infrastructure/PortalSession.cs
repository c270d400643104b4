using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>
/// One browser context and page. Records every JavaScript dialog (an alert() from an XSS payload would land here)
/// and every console error, so tests can assert that none happened.
/// </summary>
public sealed class PortalSession : IAsyncDisposable
{
    private PortalSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public ConcurrentQueue<string> Dialogs { get; } = new();
    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    public static async Task<PortalSession> StartAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var session = new PortalSession(context, page);
        page.Dialog += async (_, dialog) =>
        {
            session.Dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error") session.ConsoleErrors.Enqueue(message.Text);
        };
        return session;
    }

    /// <summary>Navigates and waits until the Blazor circuit is live (the layout marks itself data-interactive=true).</summary>
    public async Task GoAsync(string relativeUrl)
    {
        await Page.GotoAsync(relativeUrl);
        await WaitInteractiveAsync(Page);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });

    /// <summary>Saves a full-page screenshot under TestResults/screenshots of the test output folder.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(PortalFixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Saves a screenshot of one element only (e.g. the sign-in card without the page's gradient).</summary>
    public async Task<string> ScreenshotAsync(string name, string selector)
    {
        var path = Path.Combine(PortalFixture.ScreenshotDirectory, name + ".png");
        await Page.Locator(selector).ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        return path;
    }

    /// <summary>Opens a MudSelect (by data-testid) and picks the option with this exact text.</summary>
    public Task PickAsync(string testId, string option) => PickAsync(Page, testId, option);

    public static async Task PickAsync(IPage page, string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").First.ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new()
        {
            HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*" + System.Text.RegularExpressions.Regex.Escape(option) + "\\s*$"),
        });
        await item.First.WaitForAsync();
        await item.First.ClickAsync();
    }

    /// <summary>Closes an open MudSelect popover (multi-selects stay open after a pick).</summary>
    public async Task ClosePopoversAsync()
    {
        await Page.Keyboard.PressAsync("Escape");
        await Page.Locator(".mud-popover-open").First.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 5_000 })
            .ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
