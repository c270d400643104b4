using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.EndToEnd.Tests.Infrastructure;

/// <summary>A row of a findings grid as Chromium shows it: what a build decides (rule, file, line), then state, suppression, triage.</summary>
public sealed record ShownFinding(Finding Finding, string State, bool Suppressed, string Triage)
{
    public override string ToString() => $"{Finding} {State}{(Suppressed ? " suppressed" : "")} {Triage}";
}

/// <summary>An AI system's page as Chromium shows it: its gate chip and its evidence rows.</summary>
public sealed record ShownAiSystem(string Gate, IReadOnlyList<(string Kind, string Status)> Requirements);

/// <summary>
/// The portal's pages in Debian's Chromium, signed in through the sign-in form as a lead would: what the pages show,
/// read from the rendered DOM once the Blazor circuit is live (the same launcher, session and sign-in as the portal's
/// browser tests).
/// </summary>
public sealed class PortalInChromium : IAsyncDisposable
{
    // The pager's largest page: every finding of a sample on one page.
    private const int LargestPage = 250;

    private const string ReadRows = """
        () => JSON.stringify(Array.from(document.querySelectorAll('[data-testid=findings-grid] tbody tr'))
          .filter(row => row.querySelector('[data-testid=finding-rule]'))
          .map(row => ({
            rule: row.querySelector('[data-testid=finding-rule]').innerText.trim(),
            location: row.querySelector('[data-testid=finding-location]').innerText.trim(),
            state: row.querySelector('[data-testid=finding-state]').innerText.trim(),
            suppressed: row.querySelector('[data-testid=finding-suppressed]') !== null,
            triage: row.querySelector('[data-testid=finding-triage]').innerText.trim(),
          })))
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PortalInChromium(IPlaywright playwright, IBrowser browser, PortalSession session)
    {
        _playwright = playwright;
        _browser = browser;
        Session = session;
    }

    public PortalSession Session { get; }

    public static async Task<PortalInChromium> SignInAsync(Uri portal, string email, string password)
    {
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var session = await PortalSession.StartAsync(context);
        await SignInPage.SignInAsync(session.Page, portal, email, password);
        return new PortalInChromium(playwright, browser, session);
    }

    /// <summary>
    /// Every ShiftLeft finding a repository's page lists for its default branch — open, triaged, suppressed in source and
    /// fixed alike — on one page of its grid.
    /// </summary>
    public async Task<IReadOnlyList<ShownFinding>> FindingsAsync(long repositoryId)
    {
        var page = Session.Page;
        await Session.GoAsync(string.Create(CultureInfo.InvariantCulture, $"repositories/{repositoryId}?visibility=All&ruleScope=ShiftLeft"));
        var total = await TotalAsync(page);
        if (total > LargestPage)
        {
            throw new InvalidOperationException($"Repository {repositoryId} shows {total} findings, more than one page of {LargestPage}.");
        }

        if (total > await page.Locator("[data-testid=finding-rule]").CountAsync())
        {
            await PortalSession.PickAsync(page, page.Locator(".mud-table-pagination-select").First, LargestPage.ToString(CultureInfo.InvariantCulture));
        }

        await WaitAsync(page, async () => await page.Locator("[data-testid=finding-rule]").CountAsync() == total, $"the grid to list all {total} findings");
        using var rows = JsonDocument.Parse(await page.EvaluateAsync<string>(ReadRows));
        return rows.RootElement.EnumerateArray().Select(row => new ShownFinding(
            Parse(row.GetProperty("rule").GetString()!, row.GetProperty("location").GetString()!),
            row.GetProperty("state").GetString()!,
            row.GetProperty("suppressed").GetBoolean(),
            row.GetProperty("triage").GetString()!)).ToList();
    }

    /// <summary>An AI system's page: the gate of its last report and its evidence requirements.</summary>
    public async Task<ShownAiSystem> AiSystemAsync(long aiSystemId)
    {
        var page = Session.Page;
        await Session.GoAsync(string.Create(CultureInfo.InvariantCulture, $"ai-systems/{aiSystemId}"));
        var gate = page.Locator("[data-testid=detail-gate]");
        await Session.ExpectVisibleAsync(gate, $"ai-system-{aiSystemId}");
        var kinds = await page.Locator("[data-testid=requirement-kind]").AllInnerTextsAsync();
        var statuses = await page.Locator("[data-testid=requirement-status]").AllInnerTextsAsync();
        return new ShownAiSystem((await gate.InnerTextAsync()).Trim(), kinds.Zip(statuses, (kind, status) => (kind.Trim(), status.Trim())).ToList());
    }

    /// <summary>The grid's count once it has counted (it says "Counting" until the circuit has loaded the rows).</summary>
    private static async Task<int> TotalAsync(IPage page)
    {
        var total = 0;
        await WaitAsync(page, async () => int.TryParse((await page.Locator("[data-testid=finding-total]").InnerTextAsync()).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out total), "the grid's count");
        return total;
    }

    /// <summary>"src/A.cs:12" → (path, 12); a path alone → line 0; "—" (no location) → ("", 0), as <see cref="BuildFindings"/> reads SARIF.</summary>
    private static Finding Parse(string rule, string location)
    {
        if (location == "—")
        {
            return new Finding(rule, "", 0);
        }

        var colon = location.LastIndexOf(':');
        return colon > 0 && int.TryParse(location.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            ? new Finding(rule, location[..colon], line)
            : new Finding(rule, location, 0);
    }

    private static async Task WaitAsync(IPage page, Func<Task<bool>> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                var text = await page.Locator("body").InnerTextAsync();
                throw new TimeoutException($"Waited 20 s for {what} on {page.Url}; the page shows: {text[..Math.Min(text.Length, 1500)]}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
