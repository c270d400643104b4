using System.Net;
using System.Text.Json.Nodes;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// What the served (prerendered) HTML of a page says about the address it was opened at: rule ids travel in links as one
/// encoded segment, and an address naming nothing — a rule outside the grammar or never reported, a finding, repository
/// or AI system that does not exist — is the 404 page with a 404 status, never a 200 with the address in a heading.
/// </summary>
public sealed class PageAddressTests(BothServers servers) : IClassFixture<BothServers>
{
    [Theory]
    [InlineData("/rules/%3Csvg%20onload%3Dalert(1)%3E")]
    [InlineData("/rules/..%2F..%2Fadmin")]
    [InlineData("/rules/A%2F..%2F..%2Fadmin%2Ftokens")]
    [InlineData("/rules/")]
    [InlineData("/rules/NEVER0001")]
    [InlineData("/findings/999999")]
    [InlineData("/repositories/999999")]
    [InlineData("/ai-systems/999999")]
    public async Task An_address_that_names_nothing_is_the_404_page(string path)
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var viewer = await server.ClientAsync("viewer");
        using var response = await viewer.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        Assert.Contains("data-testid=\"not-found\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("svg onload", html, StringComparison.Ordinal);
        Assert.DoesNotContain("A rule reported by an analyzer other than ShiftLeft", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_id_of_three_hundred_letters_is_the_404_page()
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var viewer = await server.ClientAsync("viewer");
        using var response = await viewer.GetAsync("/rules/" + new string('A', 300));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_owasp_filter_is_one_of_the_ten_categories_never_free_text_on_the_page()
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var viewer = await server.ClientAsync("viewer");
        const string Words = "Your session expired - call 555-0100";

        var page = await viewer.GetStringAsync("/findings?owasp=" + Uri.EscapeDataString(Words));
        Assert.DoesNotContain("555-0100", page, StringComparison.Ordinal);
        Assert.Contains("OWASP LLM02", await viewer.GetStringAsync("/findings?owasp=llm02"), StringComparison.Ordinal);

        using var refused = await viewer.GetAsync("/api/v1/findings?owasp=" + Uri.EscapeDataString(Words));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("LLM01, LLM02", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var export = await viewer.GetAsync("/api/v1/exports/findings?format=csv&owasp=" + Uri.EscapeDataString(Words));
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/findings?owasp=LLM02")).StatusCode);
    }

    [Fact]
    public async Task A_finding_without_a_region_shows_its_path_without_line_zero()
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var uploader = server.TokenClient(await server.CreateTokenAsync(true));
        var log = """{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[{"ruleId":"P1","message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/NoRegion.cs"}}}]}]}]}""";
        using var upload = await uploader.PostAsync(Uploads.Query("contoso/no-region", "n1"), Uploads.Json(System.Text.Encoding.UTF8.GetBytes(log)));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var repositoryId = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["repositoryId"]!.GetValue<long>();

        using var viewer = await server.ClientAsync("viewer");
        var findingId = JsonNode.Parse(await viewer.GetStringAsync($"/api/v1/findings?repositoryId={repositoryId}"))!["items"]![0]!["id"]!.GetValue<long>();
        var html = await viewer.GetStringAsync($"/findings/{findingId}");
        var location = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"detail-location\"[^>]*>([^<]*)<").Groups[1].Value;
        Assert.Equal("src/NoRegion.cs", location);
        Assert.DoesNotContain("src/NoRegion.cs:0", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_prerendered_findings_grid_claims_no_count_before_it_has_counted()
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var uploader = server.TokenClient(await server.CreateTokenAsync(true));
        var sarif = SyntheticSarif.ToBytes([new SyntheticResult("SL0003", "Personal data logged", "file:///w/grid/src/A.cs", 4),
            new SyntheticResult("SL0003", "Personal data logged again", "file:///w/grid/src/B.cs", 9)]);
        Assert.Equal(HttpStatusCode.Created, (await uploader.PostAsync(Uploads.Query("contoso/grid", "g1"), Uploads.Json(sarif))).StatusCode);

        using var triager = await server.ClientAsync("triager");
        var html = await triager.GetStringAsync("/findings?rule=SL0003");
        var total = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"finding-total\">([^<]*)<").Groups[1].Value;
        Assert.Equal("Counting", total);
        var button = System.Text.RegularExpressions.Regex.Match(html, "<button[^>]*data-testid=\"triage-matching\"[^>]*>(.*?)</button>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(button.Success, "the bulk-triage button is rendered for a triager");
        Assert.DoesNotMatch(@"\d", System.Text.RegularExpressions.Regex.Replace(button.Groups[1].Value, "<[^>]*>", ""));
        Assert.DoesNotContain("No findings match this filter", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_hierarchical_rule_id_is_one_encoded_segment_in_the_finding_link_and_its_page_opens(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        using var uploader = server.TokenClient(await server.CreateTokenAsync(true));
        var sarif = SyntheticSarif.ToBytes([new SyntheticResult("CA1822/sub.rule-2", "Member can be static", "file:///w/pages/src/A.cs", 4)]);
        using var upload = await uploader.PostAsync(Uploads.Query("contoso/pages", "p1"), Uploads.Json(sarif));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var repositoryId = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["repositoryId"]!.GetValue<long>();

        using var viewer = await server.ClientAsync("viewer");
        var findingId = JsonNode.Parse(await viewer.GetStringAsync($"/api/v1/findings?repositoryId={repositoryId}"))!["items"]![0]!["id"]!.GetValue<long>();
        var detail = await viewer.GetStringAsync($"/findings/{findingId}");
        Assert.Contains($"href=\"rules/CA1822%2Fsub.rule-2?repositoryId={repositoryId}\"", detail, StringComparison.Ordinal);

        using var page = await viewer.GetAsync("/rules/CA1822%2Fsub.rule-2");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("CA1822/sub.rule-2", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var shiftLeft = await viewer.GetAsync("/rules/SL0001");
        Assert.Equal(HttpStatusCode.OK, shiftLeft.StatusCode);
    }
}
