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

    /// <summary>Where screenshots go: TestResults/screenshots in the test output folder.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

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
        var path = Path.Combine(Directory.CreateDirectory(ScreenshotDirectory).FullName, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Saves a screenshot of one element only (e.g. the sign-in card without the page's gradient).</summary>
    public async Task<string> ScreenshotAsync(string name, string selector)
    {
        var path = Path.Combine(Directory.CreateDirectory(ScreenshotDirectory).FullName, name + ".png");
        await Page.Locator(selector).ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        return path;
    }

    /// <summary>
    /// Waits for <paramref name="locator"/>; when it does not show up, fails with what the page showed instead: its URL,
    /// its visible text and a screenshot (<paramref name="name"/>-failure.png), so a failure on CI explains itself.
    /// </summary>
    public async Task ExpectVisibleAsync(ILocator locator, string name)
    {
        try
        {
            await locator.WaitForAsync();
        }
        catch (TimeoutException timeout)
        {
            var screenshot = await ScreenshotAsync(name + "-failure");
            var text = await Page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException(
                $"Expected element never appeared. Page {Page.Url}; screenshot {screenshot}; console errors: [{string.Join(" | ", ConsoleErrors)}]; " +
                $"page text: {text[..Math.Min(text.Length, 1500)]}", timeout);
        }
    }

    /// <summary>Opens a MudSelect (by data-testid) and picks the option with this exact text.</summary>
    public Task PickAsync(string testId, string option) => PickAsync(Page, testId, option);

    /// <remarks>
    /// MudBlazor opens and closes its popovers through server round-trips and CSS transitions: a click that lands while
    /// the previous popover is still closing toggles nothing, or closes the new one. So: close whatever is open first,
    /// open the select, and if its options do not appear, try again (three times) instead of failing on a lost click.
    /// </remarks>
    public static Task PickAsync(IPage page, string testId, string option) => PickAsync(page, page.Locator($"[data-testid={testId}]").First, option);

    /// <summary>Opens the MudSelect <paramref name="select"/> (e.g. one in a table row) and picks the option with this exact text.</summary>
    public static async Task PickAsync(IPage page, ILocator select, string option)
    {
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new()
        {
            HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*" + System.Text.RegularExpressions.Regex.Escape(option) + "\\s*$"),
        }).First;
        for (var attempt = 1; ; attempt++)
        {
            await ClosePopoversAsync(page);
            await select.ClickAsync();
            try
            {
                await item.WaitForAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }

        await item.ClickAsync();
    }

    /// <summary>Closes open MudSelect popovers (multi-selects stay open after a pick) and waits until none is left.</summary>
    public Task ClosePopoversAsync() => ClosePopoversAsync(Page);

    public static async Task ClosePopoversAsync(IPage page)
    {
        var open = page.Locator(".mud-popover-open");
        for (var attempt = 1; attempt <= 3 && await open.CountAsync() > 0; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await open.First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
