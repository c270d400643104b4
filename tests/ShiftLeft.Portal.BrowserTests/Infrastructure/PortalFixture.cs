namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The collection's portal as a new installation sets it up: the first admin (through the setup link the portal
/// printed), a triager and a viewer and an ingestion token created through the admin pages, then a real compiler
/// SARIF and evidence reports uploaded through the ingestion API.
/// </summary>
public sealed class PortalFixture : BrowserPortal
{
    public const string TriagerEmail = "triager@contoso.test";
    public const string ViewerEmail = "viewer@contoso.test";

    /// <summary>A viewer whose "ShiftLeft rules only" choice the tests change (the others' grids count every rule).</summary>
    public const string ScopeEmail = "scope@contoso.test";

    public SeedData Seed { get; private set; } = null!;

    /// <summary>The plaintext of the token the admin created in the UI (scoped to every repository).</summary>
    public string IngestionToken { get; private set; } = "";

    /// <summary>Fingerprint-free identities ("rule|path|line") of findings the tests triaged, so counts stay exact.</summary>
    public TriageLedger Ledger { get; } = new();

    /// <summary>The seeded findings the portal should show as open now: neither suppressed in source nor closed by a test's triage.</summary>
    public ExpectedFinding[] OpenNow() => Seed.Current.Where(f => !f.Suppressed && !Ledger.IsClosed(f)).ToArray();

    /// <summary>What the empty overview showed before the first upload (the token already existed).</summary>
    public FirstRunView FirstRun { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        // Compiler rules have no OWASP LLM category; the portal's rule map is configurable, so the #warning that
        // carries the XSS payload is filed under LLM05 (improper output handling) to give the overview a category.
        [$"Portal__OwaspCategories__{SeedData.OwaspMappedRule}"] = SeedData.OwaspCategory,
        // One console line per computed overview: a visit must compute it once (prerender), not again in the circuit.
        ["Logging__LogLevel__ShiftLeft.Portal.Core.Services.OverviewService"] = "Debug",
    };

    protected override async Task SeedAsync()
    {
        // The compiler runs while the admin pages are driven.
        var compiling = SeedData.CompileAsync();
        await using (var admin = await OpenAsync(AdminEmail))
        {
            await AdminPages.CreateUserAsync(admin.Page, TriagerEmail, "Tess Triager", "triager");
            await AdminPages.CreateUserAsync(admin.Page, ViewerEmail, "Vic Viewer", "viewer");
            await AdminPages.CreateUserAsync(admin.Page, ScopeEmail, "Sam Scope", "viewer");
            IngestionToken = await AdminPages.CreateTokenAsync(admin.Page, "browser-tests", allRepositories: true);

            // Nothing uploaded yet: the overview is the first-run checklist.
            await admin.GoAsync("");
            var checklist = admin.Page.Locator("[data-testid=first-run]");
            await checklist.WaitForAsync();
            FirstRun = new FirstRunView(
                await admin.Page.Locator("[data-testid=first-run-token]").GetAttributeAsync("data-done") == "true",
                await admin.Page.Locator("[data-testid=first-run-token-link]").GetAttributeAsync("href"),
                await admin.Page.Locator("[data-testid=first-run-command]").InnerTextAsync(),
                await admin.Page.Locator("[data-testid=first-run-ci-link]").GetAttributeAsync("href"),
                await admin.Page.Locator("[data-testid=kpi-open-value]").CountAsync());
            await admin.ScreenshotAsync("overview-first-run");
        }
        Mark("users and token created, first-run overview captured");

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
}

/// <summary>The empty overview's checklist as the admin saw it: token step done?, its link, the upload command, the CI guide link, KPI cards shown.</summary>
public sealed record FirstRunView(bool TokenStepDone, string? TokenLink, string UploadCommand, string? CiGuideLink, int KpiCards);

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
