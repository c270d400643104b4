using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>
/// One real portal process (its own SQLite database) and one Chromium for a test collection. On start it does what a
/// new installation does: redeems the first-admin code the portal printed to its console. What a collection needs
/// on top (users, tokens, uploads) is its <see cref="SeedAsync"/>.
/// </summary>
public abstract partial class BrowserPortal : IAsyncLifetime
{
    public const string AdminEmail = "admin@contoso.test";
    public const string AdminName = "Ada Admin";

    /// <summary>
    /// The instant the portal's clock reads when it starts (Portal:ClockStart; it runs on from there), so every date the tests
    /// write (evidence ages, expiries) or expect (a default 90-day expiry) is relative to a known day, never to the day the suite runs.
    /// </summary>
    public static readonly DateTimeOffset ClockStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The portal's day (its clock starts at 09:00 and the suite ends long before midnight).</summary>
    public static DateTime Today => ClockStart.UtcDateTime.Date;
    public const string Password = "Correct-Horse-Battery-9";

    private readonly Dictionary<string, string> storageStates = new(StringComparer.Ordinal);
    private readonly List<string> timeline = [];
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private IPlaywright? playwright;

    public PortalProcess Portal { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Extra portal configuration, as environment variables (Portal__Section__Key=value).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>
    /// Every sensitive admin action asks for the password again (a zero re-authentication window), so the tests see the
    /// same pages whatever time has passed since their sign-in; <see cref="AdminPages"/> answers the prompt.
    /// </summary>
    private IReadOnlyDictionary<string, string> AllSettings =>
        new Dictionary<string, string>(Settings)
        {
            ["Portal__Authentication__RecentSignInWindow"] = "00:00:00",
            ["Portal__ClockStart"] = ClockStart.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };

    /// <summary>What the collection's tests need beyond a portal with its first admin.</summary>
    protected abstract Task SeedAsync();

    /// <summary>Records how long a set-up step took (written to TestResults/&lt;fixture&gt;-timeline.txt).</summary>
    protected void Mark(string step) => timeline.Add($"{clock.Elapsed.TotalSeconds,7:0.0}s  {step}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PortalSession.ScreenshotDirectory);
        try
        {
            Portal = await PortalProcess.StartAsync(TimeSpan.FromSeconds(90), AllSettings);
            Mark("portal listening");
            (playwright, Browser) = await ChromiumBrowser.LaunchAsync();
            Mark("chromium launched");
            var setupCode = (await Portal.WaitForConsoleAsync(SetupCode(), TimeSpan.FromSeconds(30))).Groups["code"].Value;
            await CreateFirstAdminAsync(setupCode);
            Mark("first admin created");
            await SeedAsync();
        }
        finally
        {
            await File.WriteAllLinesAsync(Path.Combine(PortalSession.ScreenshotDirectory, "..", $"{GetType().Name}-timeline.txt"), timeline);
        }
    }

    /// <summary>A fresh browser context signed in as <paramref name="email"/> (sign-in happens once per user, then the cookie is reused).</summary>
    public async Task<PortalSession> OpenAsync(string email)
    {
        if (!storageStates.TryGetValue(email, out var state))
        {
            await using var fresh = await NewSessionAsync(null);
            await SignInPage.SignInAsync(fresh.Page, Portal.BaseAddress, email, Password);
            state = await fresh.Context.StorageStateAsync();
            storageStates[email] = state;
        }
        return await NewSessionAsync(state);
    }

    /// <summary>A fresh, signed-out browser context.</summary>
    public Task<PortalSession> OpenAnonymousAsync() => NewSessionAsync(null);

    private async Task<PortalSession> NewSessionAsync(string? storageState)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseAddress.ToString(),
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        return await PortalSession.StartAsync(context);
    }

    private async Task CreateFirstAdminAsync(string code)
    {
        await using var session = await NewSessionAsync(null);
        var page = session.Page;
        await page.GotoAsync($"setup?code={Uri.EscapeDataString(code)}");
        await page.FillAsync("#setup-email", AdminEmail);
        await page.FillAsync("#setup-name", AdminName);
        await page.FillAsync("#setup-password", Password);
        await page.FillAsync("#setup-confirm", Password);
        await page.ClickAsync("[data-testid=setup-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/setup", StringComparison.Ordinal));
        await PortalSession.WaitInteractiveAsync(page);
        storageStates[AdminEmail] = await session.Context.StorageStateAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Portal is not null) await Portal.DisposeAsync();
    }

    // The portal prints a one-time link like http://127.0.0.1:1234/setup?code=XXXX on first start.
    [GeneratedRegex(@"/setup\?code=(?<code>[A-Za-z0-9_\-%]+)")]
    private static partial Regex SetupCode();
}
