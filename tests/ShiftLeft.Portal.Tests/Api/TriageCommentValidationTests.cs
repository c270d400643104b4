using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// A triage comment holding a control character is refused as an upload's bad field is: 400 problem+json whose detail
/// names the field, the character and its position and whose <c>field</c> member is "comment"; nothing is stored. Line
/// breaks and tabs are ordinary text in a comment.
/// </summary>
public sealed class TriageCommentValidationTests(BothServers servers) : IClassFixture<BothServers>
{
    public static TheoryData<DatabaseProvider> Providers() => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_control_character_in_a_triage_comment_is_a_400_naming_the_field_and_nothing_is_stored(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        var (findingId, admin) = await FindingAsync(server, "contoso/triage-comment-" + provider.ToString().ToLowerInvariant());
        using var _ = admin;
        const string Expected = "comment: contains a control character (U+0007) at position 11; remove it (line breaks and tabs are allowed).";

        var single = await admin.PostAsJsonAsync($"/api/v1/findings/{findingId}/triage", new { action = "Dismiss", reason = "WontFix", comment = "Looks fine\u0007 to me" });
        var bulk = await admin.PostAsJsonAsync("/api/v1/findings/triage", new { findingIds = new[] { findingId }, triage = new { action = "Dismiss", reason = "WontFix", comment = "Looks fine\u0007 to me" } });

        foreach (var response in new[] { single, bulk })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal((Expected, "comment"), (problem["detail"]!.GetValue<string>(), problem["field"]!.GetValue<string>()));
        }

        Assert.Equal("None", await TriageAsync(admin, findingId));

        var accepted = await admin.PostAsJsonAsync($"/api/v1/findings/{findingId}/triage", new { action = "Dismiss", reason = "WontFix", comment = "Looks fine:\n\tthe prompt is ours." });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        Assert.Equal("WontFix", await TriageAsync(admin, findingId));
    }

    private static async Task<(long FindingId, HttpClient Admin)> FindingAsync(PortalServer server, string repository)
    {
        using (var uploader = server.TokenClient(await server.CreateTokenAsync(allRepositories: true)))
            (await uploader.PostAsync(Uploads.Query(repository, "c1"), Uploads.Json(SyntheticSarif.ToBytes([new SyntheticResult("SL0001", "m", "file:///w/r/A.cs", 1)])))).EnsureSuccessStatusCode();
        var findingId = await server.WithAsync(async services =>
        {
            var detail = (await services.GetRequiredService<IRepositoryService>().GetByNameAsync(repository))!;
            return (await services.GetRequiredService<IFindingQueryService>().SearchAsync(new FindingFilter { RepositoryId = detail.Id }, new FindingPageRequest())).Items.Single().Id;
        });
        return (findingId, await server.ClientAsync("admin"));
    }

    private static async Task<string> TriageAsync(HttpClient client, long findingId) =>
        JsonNode.Parse(await client.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/findings/{findingId}")))!["triage"]!.GetValue<string>();
}
