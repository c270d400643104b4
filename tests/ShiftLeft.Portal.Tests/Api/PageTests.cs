using System.Net;
using System.Text.Json.Nodes;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Hosting;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>Pages and answers a person or a script sees on the edges: unknown addresses, odd return URLs, timestamps.</summary>
public sealed class PageTests(BothServers servers) : IClassFixture<BothServers>
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/findings/list/of/nothing")]
    [InlineData("/no-such-page?x=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task An_unknown_address_is_a_404_page_that_says_so_and_does_not_echo_it(string path)
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        foreach (var user in new[] { null, "viewer" })
        {
            using var client = await server.ClientAsync(user);
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join("", response.Headers.GetValues("Content-Security-Policy")));
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Page not found", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        }

        // The API keeps answering problems.
        using var api = await server.ClientAsync("viewer");
        using var problem = await api.GetAsync("/api/v1/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/admin/users?x=<b>echo-me</b>")]
    [InlineData("/admin/users?x=%E2%80%AEecho-me")]
    [InlineData("/admin/usérs-echo-me")]
    public async Task The_access_denied_banner_never_repeats_the_return_url(string returnUrl)
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var client = await server.ClientAsync("viewer");
        using var response = await client.GetAsync("/account/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"access-denied\"", html, StringComparison.Ordinal);
        // The form posts back to its own address (attribute-encoded, so the ReturnUrl survives the post); no text repeats it.
        var text = System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", " ");
        Assert.DoesNotContain("echo-me", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/findings?path=Café/Süd", "/findings?path=Caf%C3%A9/S%C3%BCd")]
    [InlineData("/répertoire", "/r%C3%A9pertoire")]
    [InlineData("//evil.example/", "/")]
    public async Task Signing_in_with_any_return_url_redirects_to_a_local_ascii_address(string returnUrl, string expected)
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var client = await server.ClientAsync();
        var address = "/account/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var form = await client.GetStringAsync(address);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await client.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = "viewer@example.test",
            ["Input.Password"] = PortalServer.Password,
        }));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"sign-in answered {(int)response.StatusCode}");
        Assert.Equal(expected, response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString);
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Api_and_export_timestamps_are_iso_8601_with_an_offset(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        using var uploader = server.TokenClient(await server.CreateTokenAsync(true));
        var sarif = SyntheticSarif.ToBytes([new SyntheticResult("SL0001", "Model call not audit-logged", "file:///w/stamped/A.cs", 4)]);
        using var upload = await uploader.PostAsync(Uploads.Query("contoso/stamped", "t1"), Uploads.Json(sarif));
        var runId = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["runId"]!.GetValue<long>();

        using var viewer = await server.ClientAsync("viewer");
        var run = JsonNode.Parse(await viewer.GetStringAsync($"/api/v1/runs/{runId}"))!;
        AssertInstant(run["receivedAt"]!.GetValue<string>());
        var findings = JsonNode.Parse(await viewer.GetStringAsync($"/api/v1/findings?repositoryId={run["repositoryId"]}"))!;
        var finding = findings["items"]![0]!;
        AssertInstant(finding["firstSeenAt"]!.GetValue<string>());
        AssertInstant(finding["lastSeenAt"]!.GetValue<string>());
        var csv = (await viewer.GetStringAsync($"/api/v1/exports/findings?format=csv&repositoryId={run["repositoryId"]}")).Split('\n')[1].Split(',');
        AssertInstant(csv[^2]);
        AssertInstant(csv[^1].Trim());
    }

    private static void AssertInstant(string text)
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", text);
        Assert.Equal(TestClock.Start.Date, DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Date);
    }
}
