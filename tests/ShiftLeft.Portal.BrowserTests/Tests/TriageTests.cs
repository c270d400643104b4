using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

[Collection(PortalCollection.Name)]
public sealed class TriageTests(PortalFixture fixture)
{
    [Fact]
    public async Task Triager_dismisses_one_finding_as_false_positive_and_the_audit_log_records_it()
    {
        var target = fixture.Seed.Current.Single(f => f.RuleId == "CS0414");
        await using var session = await fixture.OpenAsync(PortalFixture.TriagerEmail);
        var page = session.Page;
        await FindingPages.OpenAsync(session, target);
        Assert.Equal("Untriaged", (await page.Locator("[data-testid=detail-triage]").InnerTextAsync()).Trim());

        // A comment carrying markup must come back as text.
        const string comment = "Field is read by reflection <b>serializer</b>";
        await page.ClickAsync("[data-testid=triage-button]");
        await page.Locator("[data-testid=triage-dialog]").WaitForAsync();
        await page.Locator("[data-testid=triage-comment]").FillAsync(comment);
        await session.ScreenshotAsync("triage-dialog");
        await page.ClickAsync("[data-testid=triage-submit]");
        await page.Locator("[data-testid=detail-triage]").Filter(new() { HasText = "False positive" }).WaitForAsync();
        fixture.Ledger.Closed(target);

        Assert.Equal(0, await page.Locator("[data-testid=detail-open]").CountAsync());
        Assert.Equal(comment, (await page.Locator("[data-testid=triage-comment-text]").First.InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("[data-testid=triage-history] b").CountAsync());
        await session.ScreenshotAsync("finding-triaged");

        await using var admin = await fixture.OpenAsync(PortalFixture.AdminEmail);
        await admin.GoAsync("admin/audit");
        var entry = admin.Page.Locator("tr").Filter(new() { HasText = "triager@contoso.test" }).Filter(new() { HasText = "FalsePositive" });
        await entry.First.WaitForAsync();
        await admin.ScreenshotAsync("audit-log");
    }

    [Fact]
    public async Task Triager_accepts_a_risk_with_approver_and_expiry()
    {
        var target = fixture.Seed.Current.Single(f => f.RuleId == "CS0618");
        await using var session = await fixture.OpenAsync(PortalFixture.TriagerEmail);
        var page = session.Page;
        await FindingPages.OpenAsync(session, target);

        await page.ClickAsync("[data-testid=triage-button]");
        await page.Locator("[data-testid=triage-dialog]").WaitForAsync();
        await page.Locator(".mud-dialog").GetByText("Accept risk", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=triage-approver]").FillAsync("Carol CISO");
        await page.Locator("[data-testid=triage-comment]").FillAsync("Legacy API removed in Q3 with the v2 client");

        // The default expiry is 90 days out.
        await page.ClickAsync("[data-testid=triage-submit]");
        await page.Locator("[data-testid=detail-triage]").Filter(new() { HasText = "Risk accepted" }).WaitForAsync();
        fixture.Ledger.Closed(target);
        var expiry = (await page.Locator("[data-testid=detail-expiry]").InnerTextAsync()).Trim();
        Assert.Equal(BrowserPortal.Today.AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), expiry);
        Assert.Contains("Approved by Carol CISO", await page.Locator("[data-testid=triage-history]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dismissing_without_a_comment_is_refused_in_the_dialog()
    {
        var target = fixture.Seed.Current.First(f => f.RuleId == "CS8602");
        await using var session = await fixture.OpenAsync(PortalFixture.TriagerEmail);
        var page = session.Page;
        await FindingPages.OpenAsync(session, target);
        await page.ClickAsync("[data-testid=triage-button]");
        await page.ClickAsync("[data-testid=triage-submit]");
        await page.Locator("[data-testid=triage-error]").WaitForAsync();
        await page.ClickAsync("[data-testid=triage-cancel]");
        Assert.Equal("Untriaged", (await page.Locator("[data-testid=detail-triage]").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Bulk_triage_closes_every_finding_matching_the_filter()
    {
        var notes = fixture.Seed.Current.Where(f => f.RuleId == "CA1822" && !f.Suppressed).ToArray();
        Assert.True(notes.Length >= 3, "the sample should produce several CA1822 notes");
        await using var session = await fixture.OpenAsync(PortalFixture.TriagerEmail);
        var page = session.Page;
        await session.GoAsync("findings");
        await session.PickAsync("filter-rule", "CA1822");
        await session.ClosePopoversAsync();
        await Grid.WaitForTotalAsync(page, notes.Count(n => !fixture.Ledger.IsClosed(n)));

        await page.ClickAsync("[data-testid=triage-matching]");
        await page.Locator("[data-testid=triage-dialog]").WaitForAsync();
        await session.PickAsync("triage-reason", "Used in tests");
        await page.Locator("[data-testid=triage-comment]").FillAsync("Sample code for the analyzer tests");
        await page.ClickAsync("[data-testid=triage-submit]");
        await Grid.WaitForTotalAsync(page, 0);
        foreach (var note in notes) fixture.Ledger.Closed(note);

        // They are not gone: the Triaged view lists every one of them with its reason.
        await session.PickAsync("filter-visibility", "Triaged");
        await Grid.WaitForTotalAsync(page, notes.Length);
        Assert.All(await page.Locator("[data-testid=finding-triage]").AllInnerTextsAsync(), t => Assert.Equal("Used in tests", t.Trim()));
        await session.ScreenshotAsync("bulk-triaged");
    }
}

/// <summary>Opening a seeded finding's page through the grid, as a person would.</summary>
public static class FindingPages
{
    public static async Task OpenAsync(PortalSession session, ExpectedFinding finding)
    {
        var page = session.Page;
        await session.GoAsync("findings");
        await session.PickAsync("filter-visibility", "All");
        await page.Locator("[data-testid=filter-path]").FillAsync(finding.RelativePath);
        // The path filter is debounced: wait for the grid to show only that file, or a click could land on a row being replaced.
        await Grid.WaitForAsync(page, locations => locations.Count > 0 && locations.All(l => l.Trim().StartsWith(finding.RelativePath + ":", StringComparison.Ordinal)));
        var row = page.Locator("[data-testid=finding-location]").Filter(new() { HasTextRegex = Exactly($"{finding.RelativePath}:{finding.StartLine}") });
        await row.First.WaitForAsync();
        await Grid.OpenFindingAsync(page, row.First);
    }

    public static System.Text.RegularExpressions.Regex Exactly(string text) =>
        new("^\\s*" + System.Text.RegularExpressions.Regex.Escape(text) + "\\s*$");
}
