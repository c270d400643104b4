using Microsoft.Playwright;
using ShiftLeft.Portal.BrowserTests.Infrastructure;
using static ShiftLeft.Portal.BrowserTests.Infrastructure.HostileFixture;

namespace ShiftLeft.Portal.BrowserTests.Tests;

/// <summary>
/// Every page a lead opens, over data whose every build- and user-controlled field is markup (<see cref="HostileFixture"/>):
/// the payloads are shown as text, no dialog opens, no element or attribute they carry reaches the page.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileContentTests(HostileFixture fixture)
{
    [Fact]
    public async Task The_overview_chart_shows_rule_ids_as_text()
    {
        await using var session = await fixture.OpenAsync(HostileFixture.AdminEmail);
        var page = session.Page;
        await session.GoAsync("");
        await page.Locator("[data-testid=open-by-rule]").WaitForAsync();
        // Hovering the bars shows the chart's tooltips, which carry the labels too.
        foreach (var bar in await page.Locator("svg path, svg rect").AllAsync())
        {
            if (await bar.IsVisibleAsync()) await bar.HoverAsync(new() { Force = true, Timeout = 2_000 });
        }
        await Hostile.AssertNothingInjectedAsync(session, "overview");
        await Hostile.AssertShownAsTextAsync(page, "overview", LegacyRuleId, UnclosedRuleId);
        await session.ScreenshotAsync("hostile-overview");
    }

    [Fact]
    public async Task Finding_pages_show_build_controlled_text_as_text()
    {
        await using var session = await fixture.OpenAsync(HostileFixture.AdminEmail);
        var page = session.Page;

        await session.GoAsync($"findings/{fixture.HostileFindingId}");
        await page.Locator("[data-testid=detail-message]").WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "finding");
        await Hostile.AssertShownAsTextAsync(page, "finding", Message, Snippet, PathSegment, RuleName, Branch, BuildId, TriageComment, ApprovedBy, HostileRepository);
        var help = await page.Locator("[data-testid=rule-doc-link]").GetAttributeAsync("href");
        Assert.DoesNotContain("javascript", help ?? "", StringComparison.OrdinalIgnoreCase);

        await session.GoAsync($"findings/{fixture.LegacyFindingId}");
        await page.Locator("[data-testid=detail-message]").WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "legacy-finding");
        await Hostile.AssertShownAsTextAsync(page, "legacy-finding", LegacyRuleId, LegacyRepositoryName);

        await session.GoAsync("findings");
        await page.Locator("[data-testid=finding-rule]").First.WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "findings");
        await Hostile.AssertShownAsTextAsync(page, "findings", LegacyRuleId, OpenMessage, LegacyRepositoryName, HostileRepository);
        // The rule filter lists every rule id.
        await page.Locator("[data-testid=filter-rule]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "findings-rule-filter");
        await session.ClosePopoversAsync();
    }

    [Fact]
    public async Task Repository_and_ai_system_pages_show_build_controlled_text_as_text()
    {
        await using var session = await fixture.OpenAsync(HostileFixture.AdminEmail);
        var page = session.Page;

        await session.GoAsync("repositories");
        await page.Locator("[data-testid=repository-name]").First.WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "repositories");
        await Hostile.AssertShownAsTextAsync(page, "repositories", LegacyRepositoryName, HostileRepository);

        await session.GoAsync($"repositories/{fixture.HostileRepositoryId}");
        await page.Locator("[data-testid=repository-tabs]").WaitForAsync();
        await Hostile.AssertShownAsTextAsync(page, "repository", Branch);
        foreach (var tab in new[] { "Runs", "AI systems" })
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
            await page.WaitForTimeoutAsync(300);
            await Hostile.AssertNothingInjectedAsync(session, "repository-" + tab);
        }
        await Hostile.AssertShownAsTextAsync(page, "repository", Evidence["system"], Evidence["owner"]);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Runs" }).ClickAsync();
        await page.Locator("[data-testid=run-history] tbody tr").First.WaitForAsync();
        await Hostile.AssertShownAsTextAsync(page, "repository-runs", BuildId);

        await session.GoAsync($"repositories/{fixture.LegacyRepositoryId}");
        await page.Locator("[data-testid=repository-tabs]").WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "legacy-repository");
        await Hostile.AssertShownAsTextAsync(page, "legacy-repository", LegacyRepositoryName);

        await session.GoAsync("ai-systems");
        await page.Locator("[data-testid=ai-system-name]").First.WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "ai-systems");
        await Hostile.AssertShownAsTextAsync(page, "ai-systems", Evidence["system"], Evidence["owner"]);

        await session.GoAsync($"ai-systems/{fixture.AiSystemId}");
        await page.Locator("[data-testid=requirements]").WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "ai-system");
        await Hostile.AssertShownAsTextAsync(page, "ai-system",
            new[] { "system", "owner", "project", "model", "kind", "req-path", "date-note", "stamped-by", "execution", "req-message", "reason", "ex-approver",
                "metric", "metric-kind", "metric-source" }
                .Select(f => Evidence[f]).ToArray());
    }

    [Fact]
    public async Task Admin_pages_show_user_controlled_text_as_text()
    {
        await using var session = await fixture.OpenAsync(HostileFixture.AdminEmail);
        var page = session.Page;

        await session.GoAsync("admin/tokens");
        await page.Locator("[data-testid=token-row-name]").First.WaitForAsync();
        await Hostile.AssertShownAsTextAsync(page, "tokens", TokenName, RevocableTokenName);
        var used = page.Locator("[data-testid=tokens-table] tr").Filter(new() { HasText = "token-name" });
        await used.Locator("[data-testid=token-uses]").ClickAsync();
        await page.Locator("[data-testid=token-use-log] tbody tr").First.WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "token-uses");
        await Hostile.AssertShownAsTextAsync(page, "token-uses", UploadRepository);

        // The revoke confirmation and the snackbar after it name the token.
        var revocable = page.Locator("[data-testid=tokens-table] tr").Filter(new() { HasText = "token-revoked" });
        await revocable.Locator("[data-testid=token-revoke]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "revoke-dialog");
        await Hostile.AssertShownAsTextAsync(page, "revoke-dialog", RevocableTokenName);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await page.Locator(".mud-snackbar").First.WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "revoke-snackbar");

        await session.GoAsync("admin/users");
        await page.Locator("[data-testid=user-row-name]").First.WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "users");
        await Hostile.AssertShownAsTextAsync(page, "users", DisplayName);

        await session.GoAsync("admin/audit");
        await page.Locator("[data-testid=audit-action]").First.WaitForAsync();
        await Hostile.AssertNothingInjectedAsync(session, "audit");
    }

    [Fact]
    public async Task The_triage_dialog_names_the_finding_as_text_and_a_comment_stays_text()
    {
        await using var session = await fixture.OpenAsync(TriagerEmail);
        var page = session.Page;
        foreach (var findingId in new[] { fixture.LegacyFindingId, fixture.HostileFindingId })
        {
            await session.GoAsync($"findings/{findingId}");
            await page.Locator("[data-testid=triage-button]").ClickAsync();
            await page.Locator("[data-testid=triage-dialog]").WaitForAsync();
            await Hostile.AssertNothingInjectedAsync(session, "triage-dialog-" + findingId);
            await page.Locator("[data-testid=triage-cancel]").ClickAsync();
        }
        // The signed-in user's display name is in the app bar of every page.
        await Hostile.AssertNothingInjectedAsync(session, "triager-app-bar");
    }
}
