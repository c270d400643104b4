using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// Malformed uploads over real HTTP: each gets 400 (or 413) with an RFC 7807 problem whose detail says what is wrong,
/// and nothing of it is stored.
/// </summary>
public sealed class MalformedCatalogueTests(BothServers servers) : IClassFixture<BothServers>
{
    private static readonly string Valid = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "compiler.sarif")));
    private static readonly string Evidence = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "evidence.json")));

    private static string Result(string body) =>
        "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[" + body + "],\"tool\":{\"driver\":{\"name\":\"csc\"}}}]}";

    private const string Location = "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"file:///w/r/A.cs\"},\"region\":{\"startLine\":3}}}]";

    private static string WithRegion(string region) =>
        Result("{\"ruleId\":\"SL0001\",\"message\":{\"text\":\"m\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"file:///w/r/A.cs\"},\"region\":" + region + "}}]}");

    private static string WithUri(string uriJson) =>
        Result("{\"ruleId\":\"SL0001\",\"message\":{\"text\":\"m\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":" + uriJson + "}}}]}");

    /// <summary>name, SARIF body (raw upload), expected status, a phrase the problem detail must contain.</summary>
    public static TheoryData<string, string, int, string> SarifCases()
    {
        var deep = Result("{\"ruleId\":\"SL0001\",\"message\":{\"text\":\"m\"},\"properties\":{\"x\":" + new string('[', 100) + new string(']', 100) + "}}");
        var hugeMessage = Result("{\"ruleId\":\"SL0001\",\"message\":{\"text\":\"" + new string('a', 70_000) + "\"}}");
        var tooMany = Result(string.Join(",", Enumerable.Repeat("{\"ruleId\":\"SL0001\",\"message\":{\"text\":\"m\"}}", 2001)));
        return new TheoryData<string, string, int, string>
        {
            { "empty body", "", 400, "line 1" },
            { "not JSON", "hello world", 400, "line 1" },
            { "truncated in the middle", Valid[..(Valid.Length / 2)], 400, "truncated" },
            { "truncated inside a string", Valid[..(Valid.IndexOf("Dereference", StringComparison.Ordinal) + 4)], 400, "line" },
            { "root is an array", "[]", 400, "JSON object" },
            { "SARIF 1.0", "{\"version\":\"1.0.0\",\"runLogs\":[]}", 400, "version '1.0.0' is not supported" },
            { "missing version", "{\"runs\":[]}", 400, "no 'version'" },
            { "version is a number", "{\"version\":2.1,\"runs\":[]}", 400, "version must be a string" },
            { "missing runs", "{\"version\":\"2.1.0\"}", 400, "no 'runs'" },
            { "runs is an object", "{\"version\":\"2.1.0\",\"runs\":{}}", 400, "'runs' must be an array" },
            { "run is a string", "{\"version\":\"2.1.0\",\"runs\":[\"x\"]}", 400, "must be an object" },
            { "results is an object", "{\"version\":\"2.1.0\",\"runs\":[{\"results\":{}}]}", 400, "'results' must be an array" },
            { "result is a number", Result("42"), 400, "result 0 must be an object" },
            { "result without ruleId", Result("{\"message\":{\"text\":\"m\"}}"), 400, "no 'ruleId'" },
            { "ruleId is a number", Result("{\"ruleId\":7,\"message\":{\"text\":\"m\"}}"), 400, "'ruleId' must be a string" },
            { "result without message", Result("{\"ruleId\":\"SL0001\"," + Location + "}"), 400, "no 'message.text'" },
            { "message is a string", Result("{\"ruleId\":\"SL0001\",\"message\":\"m\"}"), 400, "with a 'text' string" },
            { "unknown level", Result("{\"ruleId\":\"SL0001\",\"level\":\"critical\",\"message\":{\"text\":\"m\"}}"), 400, "unknown SARIF level 'critical'" },
            { "startLine is a string", WithRegion("{\"startLine\":\"3\"}"), 400, "'region.startLine' must be a positive integer" },
            { "startLine is negative", WithRegion("{\"startLine\":-3}"), 400, "'region.startLine' must be a positive integer" },
            { "startLine is fractional", WithRegion("{\"startLine\":3.5}"), 400, "'region.startLine' must be a positive integer" },
            { "startLine overflows", WithRegion("{\"startLine\":99999999999}"), 400, "'region.startLine' must be a positive integer" },
            { "endLine before startLine", WithRegion("{\"startLine\":9,\"endLine\":3}"), 400, "endLine 3 is before startLine 9" },
            { "uri is a number", WithUri("12"), 400, "'artifactLocation.uri' must be a string" },
            { "uri has an http scheme", WithUri("\"https://evil.example/A.cs\""), 400, "is not a valid URI or path" },
            { "uri climbs out of the repository", WithUri("\"../../etc/passwd\""), 400, "climbs out of the repository" },
            { "uri is a broken file URI", WithUri("\"file://[::bad/x.cs\""), 400, "is not a valid URI or path" },
            { "uri has a control character", WithUri("\"src/\\u0001A.cs\""), 400, "is not a valid URI or path" },
            { "nesting deeper than the limit", deep, 400, "depth" },
            { "a message longer than the limit", hugeMessage, 400, "longer than 65536 bytes" },
            { "more results than the limit", tooMany, 413, "more than 2000 results" },
            { "trailing content after the log", Result("") + "{}", 400, "line" },
            { "comments are not JSON", "// comment\n" + Result(""), 400, "line 1" },
            { "NaN is not JSON", WithRegion("{\"startLine\":NaN}"), 400, "line 1" },
            { "suppressions is an object", Result("{\"ruleId\":\"SL0001\",\"message\":{\"text\":\"m\"},\"suppressions\":{}}"), 400, "'suppressions' must be an array" },
            { "invalid UTF-8", "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":\"SL\u00ff\"}]}]}", 400, "line 1" },
        };
    }

    [Theory]
    [MemberData(nameof(SarifCases))]
    public async Task Malformed_sarif_gets_a_problem_and_nothing_is_stored(string name, string body, int status, string phrase)
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var client = server.TokenClient(await server.CreateTokenAsync(allRepositories: true));
        var repository = "contoso/malformed-" + Math.Abs(name.GetHashCode(StringComparison.Ordinal));
        var bytes = name == "invalid UTF-8" ? Encoding.Latin1.GetBytes(body) : Encoding.UTF8.GetBytes(body);
        using var response = await client.PostAsync(Uploads.Query(repository, "abc123"), Uploads.Json(bytes));
        await AssertProblemAsync(response, status, phrase);
        await AssertNothingStoredAsync(server, repository);
    }

    public static TheoryData<string, string, int, string> EvidenceCases() => new()
    {
        { "evidence is not JSON", "{ not json", 400, "not valid JSON" },
        { "evidence schema 2.0", Evidence.Replace("\"schemaVersion\": \"1.0\"", "\"schemaVersion\": \"2.0\"", StringComparison.Ordinal), 400, "schemaVersion '2.0' is not supported" },
        { "evidence without gate", Evidence.Replace("\"gate\": { \"passed\": false, \"severity\": \"error\" },", "", StringComparison.Ordinal), 400, "$.gate is required" },
        { "evidence with an unknown status", Evidence.Replace("\"status\": \"missing\"", "\"status\": \"lost\"", StringComparison.Ordinal), 400, "'lost' is not one of" },
        { "evidence with a wrong date", Evidence.Replace("2026-11-19T09:00:00Z", "yesterday", StringComparison.Ordinal), 400, "is not an ISO 8601 date" },
        { "evidence with a string metric", Evidence.Replace("\"value\": 4.2", "\"value\": \"high\"", StringComparison.Ordinal), 400, "$.metrics[0].value must be a number" },
    };

    [Theory]
    [MemberData(nameof(EvidenceCases))]
    public async Task Malformed_evidence_gets_a_problem_and_the_sarif_sent_with_it_is_not_stored(string name, string evidence, int status, string phrase)
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var client = server.TokenClient(await server.CreateTokenAsync(allRepositories: true));
        var repository = "contoso/bad-evidence-" + Math.Abs(name.GetHashCode(StringComparison.Ordinal));
        using var response = await client.PostAsync("/api/v1/runs", Uploads.Multipart(repository, "abc123", Encoding.UTF8.GetBytes(Valid), Encoding.UTF8.GetBytes(evidence)));
        await AssertProblemAsync(response, status, phrase);
        await AssertNothingStoredAsync(server, repository);
    }

    [Fact]
    public async Task Transport_level_mistakes_get_problems_too()
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var client = server.TokenClient(await server.CreateTokenAsync(allRepositories: true));

        var tooBig = new byte[2_100_000];
        using (var response = await client.PostAsync(Uploads.Query("contoso/huge", "abc"), Uploads.Json(tooBig)))
            await AssertProblemAsync(response, 413, "larger than 2000000 bytes");

        var bomb = Uploads.Gzip(Encoding.UTF8.GetBytes(Result("") + new string(' ', 6_000_000)));
        Assert.True(bomb.Length < 100_000);
        using (var response = await client.PostAsync(Uploads.Query("contoso/bomb", "abc"), Uploads.Json(bomb, "application/gzip")))
            await AssertProblemAsync(response, 413, "larger than 5000000 bytes (after decompression)");

        var corrupt = new byte[] { 0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        using (var response = await client.PostAsync(Uploads.Query("contoso/corrupt", "abc"), Uploads.Json(corrupt, "application/gzip")))
            await AssertProblemAsync(response, 400, "gzip");

        using (var response = await client.PostAsync("/api/v1/runs?commit=abc&branch=main&buildId=1", Uploads.Json(Encoding.UTF8.GetBytes(Valid))))
            await AssertProblemAsync(response, 400, "'repository' is required");

        using (var response = await client.PostAsync(Uploads.Query("contoso/badcommit", "abc def"), Uploads.Json(Encoding.UTF8.GetBytes(Valid))))
            await AssertProblemAsync(response, 400, "may contain only letters");

        var form = Uploads.Multipart("contoso/parts", "abc", Encoding.UTF8.GetBytes(Valid));
        form.Add(new StringContent("x"), "surprise");
        using (var response = await client.PostAsync("/api/v1/runs", form))
            await AssertProblemAsync(response, 400, "Unknown multipart part 'surprise'");

        using (var response = await client.PostAsync("/api/v1/runs", Uploads.Multipart("contoso/nothing", "abc", null)))
            await AssertProblemAsync(response, 400, "Nothing to ingest");

        foreach (var repository in new[] { "contoso/huge", "contoso/bomb", "contoso/corrupt", "contoso/badcommit", "contoso/parts", "contoso/nothing" })
            await AssertNothingStoredAsync(server, repository);

        // The same log, well-formed and gzip-compressed, is accepted.
        using (var response = await client.PostAsync(Uploads.Query("contoso/gzip-ok", "abc"), Uploads.Json(Uploads.Gzip(Encoding.UTF8.GetBytes(Valid)), "application/gzip")))
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string phrase)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:shiftleft:problem:", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(phrase, detail, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task AssertNothingStoredAsync(PortalServer server, string repository)
    {
        await using var db = server.Services.GetRequiredService<PortalDatabase>().CreateDbContext();
        Assert.False(await db.Repositories.AnyAsync(r => r.Name == repository), $"{repository} was stored");
        Assert.False(await db.Runs.AnyAsync(r => r.Commit == "abc123" && db.Repositories.Any(x => x.Id == r.RepositoryId && x.Name == repository)));
    }
}
