using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

[Collection(PortalCollection.Name)]
public sealed class TokenTests(PortalFixture fixture)
{
    [Fact]
    public async Task A_token_is_shown_once_and_stops_working_when_revoked()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.AdminEmail);
        var page = session.Page;
        var secret = await AdminPages.CreateTokenAsync(page, "search-api-ci", allRepositories: false, repositories: SeedData.SearchRepository);
        await session.ScreenshotAsync("token-created");

        // After a reload the secret is nowhere on the page, only its prefix.
        await session.GoAsync("admin/tokens");
        Assert.Equal(0, await page.Locator("[data-testid=token-secret]").CountAsync());
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        var row = page.Locator("[data-testid=tokens-table] tr").Filter(new() { HasText = "search-api-ci" });
        Assert.Contains("Active", await row.Locator("[data-testid=token-status]").InnerTextAsync(), StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        Assert.Equal(HttpStatusCode.Forbidden, await PostEmptyRunAsync(http, secret, SeedData.SupportRepository));

        // Every use is recorded, refused ones included.
        await row.Locator("[data-testid=token-uses]").ClickAsync();
        var useLog = page.Locator("[data-testid=token-use-log] tbody tr").Filter(new() { HasText = SeedData.SupportRepository });
        await Assertions.Expect(useLog.First).ToContainTextAsync("Forbidden");

        await row.Locator("[data-testid=token-revoke]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await row.Locator("[data-testid=token-status]").Filter(new() { HasText = "Revoked" }).WaitForAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await PostEmptyRunAsync(http, secret, SeedData.SearchRepository));
    }

    private static async Task<HttpStatusCode> PostEmptyRunAsync(HttpClient http, string token, string repository)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/runs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new MultipartFormDataContent
        {
            { new StringContent(repository), "repository" },
            { new StringContent("4444444444444444444444444444444444444444"), "commit" },
            { new StringContent("main"), "branch" },
            { new StringContent("build-x"), "buildId" },
        };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
