using System.Text.Json;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

/// <summary>
/// Release governance through the UI: the admin accepts a baseline (recorded in the audit log), an approver signs off
/// a commit's evidence and downloads the signed record, and the Governance page shows the KPIs, cohorts and the key.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class GovernanceTests(PortalFixture fixture)
{
    private const string FirstCommit = "1111111111111111111111111111111111111111";
    private const string SecondCommit = "2222222222222222222222222222222222222222";

    [Fact]
    public async Task Baseline_acceptance_and_release_sign_off_are_recorded_and_exported_signed()
    {
        await using var admin = await fixture.OpenAsync(PortalFixture.AdminEmail);
        await OpenSupportAssistantAsync(admin);
        var first = admin.Page.Locator("[data-testid=governed-reports] tr").Filter(new() { HasText = FirstCommit[..10] });
        await first.Locator("[data-testid=accept-baseline]").ClickAsync();
        await first.GetByText($"accepted by {BrowserPortal.AdminName} <{PortalFixture.AdminEmail}>").WaitForAsync();

        await admin.GoAsync("admin/audit");
        await admin.Page.Locator("tr").Filter(new() { HasText = "baseline.accepted" }).Filter(new() { HasText = PortalFixture.AdminEmail }).First.WaitForAsync();
        await admin.ScreenshotAsync("audit-log-baseline");

        // A viewer is not the system's owner: the portal refuses, the page says why.
        await using (var viewer = await fixture.OpenAsync(PortalFixture.ViewerEmail))
        {
            await OpenSupportAssistantAsync(viewer);
            Assert.Equal(0, await viewer.Page.Locator("[data-testid=sign-off]").CountAsync());
            await viewer.Page.Locator("[data-testid=governed-reports] tr").Filter(new() { HasText = SecondCommit[..10] }).Locator("[data-testid=accept-baseline]").ClickAsync();
            await viewer.Page.GetByText("Only an admin or the owner of 'support-assistant'").WaitForAsync();
        }

        await using var approver = await fixture.OpenAsync(PortalFixture.ApproverEmail);
        var page = approver.Page;
        await OpenSupportAssistantAsync(approver);
        await page.Locator("[data-testid=sign-off-comment]").FillAsync("Evaluation and cohorts reviewed <b>ok</b>");
        var second = page.Locator("[data-testid=governed-reports] tr").Filter(new() { HasText = SecondCommit[..10] });
        await second.Locator("[data-testid=sign-off]").ClickAsync();
        await second.Locator("[data-testid=report-signed]").GetByText("Ada Approver <approver@contoso.test>").WaitForAsync();
        await approver.ScreenshotAsync("ai-system-governance");

        var href = await second.Locator("[data-testid=export-sign-off]").GetAttributeAsync("href");
        var download = await approver.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Contains("attachment", download.Headers["content-disposition"], StringComparison.Ordinal);
        using var record = JsonDocument.Parse(await download.TextAsync());
        var root = record.RootElement;
        Assert.Equal(("shiftleft-signoff", "support-assistant", SecondCommit, SeedData.EvidenceSha256(SecondCommit), "Ada Approver <approver@contoso.test>", "Evaluation and cohorts reviewed <b>ok</b>"),
            (root.GetProperty("format").GetString(), root.GetProperty("system").GetString(), root.GetProperty("commit").GetString(),
             root.GetProperty("evidenceSha256").GetString(), root.GetProperty("signer").GetString(), root.GetProperty("comment").GetString()));
        Assert.Equal(64, Convert.FromBase64String(root.GetProperty("signature").GetString()!).Length);

        // The Governance page: the key the record names, time to approval from this sign-off, the cohort table.
        await approver.GoAsync("governance");
        var trusted = await page.Locator("[data-testid=trusted-key]").InnerTextAsync();
        Assert.Contains($"\"id\": \"{root.GetProperty("keyId").GetString()}\"", trusted, StringComparison.Ordinal);
        Assert.Matches(@"^\d+(\.\d)? h$", (await page.Locator("[data-testid=kpi-time-to-approval-value]").InnerTextAsync()).Trim());
        Assert.Equal(1, await page.Locator("[data-testid=approval-trend] tbody tr").CountAsync());
        var cohorts = page.Locator("[data-testid=cohort-row]").Filter(new() { HasText = "support-assistant" });
        Assert.Equal(["en (30: 0.93)", "fr (20: 0.85)"], (await cohorts.Locator("[data-testid=cohort]").AllInnerTextsAsync()).Select(t => t.Trim()));
        await approver.ScreenshotAsync("governance");
    }

    [Fact]
    public async Task An_approved_exception_expiring_soon_is_announced_on_the_overview_and_exported_signed()
    {
        var lastDay = BrowserPortal.Today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var approver = await fixture.OpenAsync(PortalFixture.ApproverEmail);
        using var systems = JsonDocument.Parse(await (await approver.Context.APIRequest.GetAsync("api/v1/ai-systems?search=support-assistant")).TextAsync());
        var systemId = systems.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64();
        var requested = await approver.Context.APIRequest.PostAsync($"api/v1/ai-systems/{systemId}/exceptions",
            new() { DataObject = new { requirement = "redTeam", reason = "External red team booked for next month", expires = lastDay } });
        Assert.Equal(200, requested.Status);
        using var request = JsonDocument.Parse(await requested.TextAsync());
        var id = request.RootElement.GetProperty("id").GetInt64();

        await using var admin = await fixture.OpenAsync(PortalFixture.AdminEmail);
        var approved = await admin.Context.APIRequest.PostAsync($"api/v1/risk-acceptances/{id}/approve", new() { DataObject = new { comment = "Booking confirmed" } });
        Assert.Equal(200, approved.Status);

        await admin.GoAsync("");
        var warning = admin.Page.Locator("[data-testid=expiring-acceptance]").Filter(new() { HasText = "support-assistant: redTeam" });
        await warning.WaitForAsync();
        Assert.Contains($"expires after {lastDay}; then it stops applying", await warning.InnerTextAsync(), StringComparison.Ordinal);

        var exported = await admin.Context.APIRequest.GetAsync($"api/v1/risk-acceptances/{id}/record");
        using var record = JsonDocument.Parse(await exported.TextAsync());
        var root = record.RootElement;
        Assert.Equal(("shiftleft-exception", "redTeam", "Ada Approver <approver@contoso.test>", $"{BrowserPortal.AdminName} <{PortalFixture.AdminEmail}>", lastDay),
            (root.GetProperty("format").GetString(), root.GetProperty("requirement").GetString(), root.GetProperty("requestedBy").GetString(),
             root.GetProperty("approvedBy").GetString(), root.GetProperty("expires").GetString()));
    }

    private static async Task OpenSupportAssistantAsync(PortalSession session)
    {
        await session.GoAsync("ai-systems");
        await session.Page.Locator("[data-testid=ai-system-name]").Filter(new() { HasText = "support-assistant" }).ClickAsync();
        await session.Page.WaitForURLAsync(url => url.Contains("/ai-systems/", StringComparison.Ordinal));
        await PortalSession.WaitInteractiveAsync(session.Page);
        await session.Page.Locator("[data-testid=governed-reports]").WaitForAsync();
    }
}
