using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>
/// One real portal process and one Chromium for the whole collection. On start it does what a new installation
/// does: redeems the first-admin code the portal printed, creates a triager and a viewer and an ingestion token
/// through the admin pages, then uploads a real compiler SARIF and an evidence report through the ingestion API.
/// </summary>
public sealed partial class PortalFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@contoso.test";
    public const string TriagerEmail = "triager@contoso.test";
    public const string ViewerEmail = "viewer@contoso.test";
    public const string Password = "Correct-Horse-Battery-9";

    private readonly Dictionary<string, string> storageStates = new(StringComparer.Ordinal);
    private IPlaywright? playwright;

    public PortalProcess Portal { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public SeedData Seed { get; private set; } = null!;

    /// <summary>The plaintext of the token the admin created in the UI (scoped to every repository).</summary>
    public string IngestionToken { get; private set; } = "";

    /// <summary>Fingerprint-free identities ("rule|path|line") of findings the tests triaged, so counts stay exact.</summary>
    public TriageLedger Ledger { get; } = new();

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>How long each set-up step took (written to TestResults/fixture-timeline.txt).</summary>
    private readonly List<string> timeline = [];
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    private void Mark(string step) => timeline.Add($"{clock.Elapsed.TotalSeconds,7:0.0}s  {step}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        try
        {
            await SetUpAsync();
        }
        finally
        {
            await File.WriteAllLinesAsync(Path.Combine(ScreenshotDirectory, "..", "fixture-timeline.txt"), timeline);
        }
    }

    private async Task SetUpAsync()
    {
        // The compiler runs while the portal boots and the admin pages are driven.
        var compiling = SeedData.CompileAsync();
        Portal = await PortalProcess.StartAsync(TimeSpan.FromSeconds(90), new Dictionary<string, string>
        {
            // Compiler rules have no OWASP LLM category; the portal's rule map is configurable, so the #warning that
            // carries the XSS payload is filed under LLM05 (improper output handling) to give the overview a category.
            [$"Portal__OwaspCategories__{SeedData.OwaspMappedRule}"] = SeedData.OwaspCategory,
        });
        Mark("portal listening");
        (playwright, Browser) = await ChromiumBrowser.LaunchAsync();
        Mark("chromium launched");

        var setupCode = (await Portal.WaitForConsoleAsync(SetupCode(), TimeSpan.FromSeconds(30))).Groups["code"].Value;
        await CreateFirstAdminAsync(setupCode);
        Mark("first admin created");
        await using (var admin = await OpenAsync(AdminEmail))
        {
            await AdminPages.CreateUserAsync(admin.Page, TriagerEmail, "Tess Triager", "triager");
            await AdminPages.CreateUserAsync(admin.Page, ViewerEmail, "Vic Viewer", "viewer");
            IngestionToken = await AdminPages.CreateTokenAsync(admin.Page, "browser-tests", allRepositories: true);
        }
        Mark("users and token created");

        var compiled = await compiling;
        Mark("sample compiled twice");
        Seed = await SeedData.UploadAsync(Portal.BaseAddress, IngestionToken, compiled);
        Mark("three runs uploaded");

        // The overview as the seed left it, before any test triages (the user guide uses this picture).
        await using (var admin = await OpenAsync(AdminEmail))
        {
            await admin.GoAsync("");
            await admin.Page.Locator("[data-testid=kpi-open-value]").WaitForAsync();
            await admin.ScreenshotAsync("overview-seeded");
        }
        Mark("overview captured");
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
        await page.FillAsync("#setup-name", "Ada Admin");
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

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
