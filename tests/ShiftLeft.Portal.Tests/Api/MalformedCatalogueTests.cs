using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// The hostile-input catalogue over real HTTP, on SQLite and on PostgreSQL: every case is answered as docs/portal.md
/// "Hostile input" says — refused with a 4xx RFC 7807 problem that names what is wrong (and where: the field and the
/// result index) with nothing stored, or stored safely (control characters removed and reported) — never a 5xx, and
/// the portal serves the next request.
/// </summary>
public sealed class MalformedCatalogueTests(BothServers servers) : IClassFixture<BothServers>
{
    private static readonly byte[] Valid = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "compiler.sarif"));
    private static readonly string ValidText = Encoding.UTF8.GetString(Valid);
    private static readonly string Evidence = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "evidence.json")));
    private const string Commit = "abc123";

    [Theory]
    [MemberData(nameof(Catalogue))]
    public async Task Every_hostile_upload_is_refused_or_stored_as_documented_and_the_portal_keeps_serving(DatabaseProvider provider, string name)
    {
        var server = await servers.Get(provider);
        var @case = Cases.Single(c => c.Name == name);
        using var client = server.TokenClient(await server.CreateTokenAsync(allRepositories: true));
        var before = await CountRowsAsync(server);

        using var request = @case.Request(@case.Repository);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode} {text}");

        switch (@case.Expect)
        {
            case Refused refused:
                AssertProblem(name, response, text, refused);
                Assert.Equal(before, await CountRowsAsync(server));
                break;
            case Stored stored:
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"{name}: expected 201, got {(int)response.StatusCode}: {text}");
                using (var answer = JsonDocument.Parse(text))
                {
                    var warnings = answer.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
                    if (stored.Warning is null) Assert.DoesNotContain(warnings, w => w.Contains("control character", StringComparison.Ordinal));
                    else Assert.Contains(warnings, w => w.Contains(stored.Warning, StringComparison.Ordinal));
                }

                await using (var db = server.Services.GetRequiredService<PortalDatabase>().CreateDbContext())
                {
                    var repository = await db.Repositories.SingleAsync(r => r.CanonicalName == @case.Repository.ToLowerInvariant());
                    await stored.Check(db, repository.Id);
                }

                break;
        }

        // The portal still serves: a signed-in read and another upload.
        using var viewer = await server.ClientAsync("viewer");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/overview")).StatusCode);
        using var next = await client.PostAsync(Uploads.Query("contoso/after-" + provider, Commit, buildId: Guid.NewGuid().ToString("N")), Uploads.Json(Valid));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Fact]
    public void The_catalogue_holds_at_least_forty_distinct_cases()
    {
        Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");
        Assert.Equal(Cases.Count, Cases.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    public static TheoryData<DatabaseProvider, string> Catalogue()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL })
        foreach (var @case in Cases)
            data.Add(provider, @case.Name);
        return data;
    }

    private abstract record Expectation;

    /// <summary>A 4xx problem whose detail contains <paramref name="Phrase"/>; when given, its <c>field</c> and <c>resultIndex</c> members.</summary>
    private sealed record Refused(int Status, string Phrase, string? Field = null, int? ResultIndex = null) : Expectation;

    /// <summary>201; the answer's warnings contain <paramref name="Warning"/> (none about control characters when null); <paramref name="Check"/> reads what was stored.</summary>
    private sealed record Stored(string? Warning, Func<PortalDbContext, long, Task> Check) : Expectation;

    /// <summary>One case: its request is built for <see cref="Repository"/> (by default a name of its own).</summary>
    private sealed record Case(string Name, Expectation Expect, Func<string, HttpRequestMessage> Request)
    {
        public string Repository { get; init; } = "contoso/catalogue-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Name)))[..12];
    }

    // ---- building requests ---------------------------------------------------------------------------------------

    private static Func<string, HttpRequestMessage> Raw(byte[] body, string contentType = "application/sarif+json", string? query = null) =>
        repository => new HttpRequestMessage(HttpMethod.Post, query ?? Uploads.Query(repository, Commit)) { Content = Uploads.Json(body, contentType) };

    private static Func<string, HttpRequestMessage> Raw(string body) => Raw(Encoding.UTF8.GetBytes(body));

    /// <summary>A hand-written multipart body (boundary XYZ), for bodies no client library would send.</summary>
    private static HttpRequestMessage Multipart(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=XYZ");
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = content };
    }

    private static Func<string, HttpRequestMessage> WithEvidence(byte[] evidence) =>
        repository => new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = Uploads.Multipart(repository, Commit, Valid, evidence) };

    private static Func<string, HttpRequestMessage> WithEvidence(string evidence) => WithEvidence(Encoding.UTF8.GetBytes(evidence));

    /// <summary>The valid compiler log as a multipart upload, on the given branch.</summary>
    private static Func<string, HttpRequestMessage> ValidParts(string branch = "main") =>
        repository => new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = Uploads.Multipart(repository, Commit, Valid, branch: branch) };

    /// <summary>The valid compiler log, on the given branch.</summary>
    private static Func<string, HttpRequestMessage> ValidLog(string branch = "main") =>
        repository => new HttpRequestMessage(HttpMethod.Post, Uploads.Query(repository, Commit, branch)) { Content = Uploads.Json(Valid) };

    private static string Log(string results, string tool = """{"driver":{"name":"csc"}}""", string extraRuns = "") =>
        "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[" + results + "],\"tool\":" + tool + "}" + extraRuns + "]}";

    private static string Result(string ruleId = "\"SL0001\"", string message = "\"m\"", string? uri = "\"file:///w/r/A.cs\"", string region = """{"startLine":3}""", string extra = "") =>
        "{\"ruleId\":" + ruleId + ",\"message\":{\"text\":" + message + "}" +
        (uri is null ? "" : ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":" + uri + "},\"region\":" + region + "}}]") + extra + "}";

    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(p => p switch { string s => Encoding.UTF8.GetBytes(s), byte[] b => b, _ => throw new ArgumentException("part") }).ToArray();

    private static async Task AssertStoredMessage(PortalDbContext db, long repositoryId, string expected) =>
        Assert.Equal(expected, (await db.Findings.SingleAsync(f => f.RepositoryId == repositoryId)).Message);

    private const string UriField = "locations[0].physicalLocation.artifactLocation.uri";

    private static readonly IReadOnlyList<Case> Cases = BuildCases();

    private static List<Case> BuildCases()
    {
        var deep = Log(Result(extra: ",\"properties\":{\"x\":" + new string('[', 100) + new string(']', 100) + "}"));
        var hugeMessage = Log(Result(message: "\"" + new string('a', 70_000) + "\""));
        var tooMany = Log(string.Join(",", Enumerable.Repeat(Result(uri: null), 2001)));
        return
        [
            // Not JSON, not SARIF 2.1.0.
            new("empty body", new Refused(400, "line 1"), Raw("")),
            new("not JSON", new Refused(400, "line 1"), Raw("hello world")),
            new("truncated in the middle", new Refused(400, "truncated"), Raw(ValidText[..(ValidText.Length / 2)])),
            new("truncated inside a string", new Refused(400, "line"), Raw(ValidText[..(ValidText.IndexOf("Dereference", StringComparison.Ordinal) + 4)])),
            new("root is an array", new Refused(400, "JSON object"), Raw("[]")),
            new("SARIF 1.0", new Refused(400, "version '1.0.0' is not supported"), Raw("{\"version\":\"1.0.0\",\"runLogs\":[]}")),
            new("missing version", new Refused(400, "no 'version'"), Raw("{\"runs\":[]}")),
            new("version is a number", new Refused(400, "version must be a string"), Raw("{\"version\":2.1,\"runs\":[]}")),
            new("missing runs", new Refused(400, "no 'runs'"), Raw("{\"version\":\"2.1.0\"}")),
            new("runs is an object", new Refused(400, "'runs' must be an array"), Raw("{\"version\":\"2.1.0\",\"runs\":{}}")),
            new("run is a string", new Refused(400, "must be an object"), Raw("{\"version\":\"2.1.0\",\"runs\":[\"x\"]}")),
            new("results is an object", new Refused(400, "'results' must be an array"), Raw("{\"version\":\"2.1.0\",\"runs\":[{\"results\":{}}]}")),
            new("trailing content after the log", new Refused(400, "line"), Raw(Log("") + "{}")),
            new("comments are not JSON", new Refused(400, "line 1"), Raw("// comment\n" + Log(""))),
            new("NaN is not JSON", new Refused(400, "line 1"), Raw(Log(Result(region: "{\"startLine\":NaN}")))),
            new("nesting deeper than the limit", new Refused(400, "depth"), Raw(deep)),
            new("a message longer than the limit", new Refused(400, "longer than 65536 bytes"), Raw(hugeMessage)),
            new("more results than the limit", new Refused(413, "more than 2000 results"), Raw(tooMany)),

            // A run names its tool.
            new("run without tool", new Refused(400, "runs[0].tool.driver.name is required", "runs[0].tool.driver.name"),
                Raw("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[" + Result() + "]}]}")),
            new("tool without a driver name", new Refused(400, "tool.driver.name is required", "runs[0].tool.driver.name"),
                Raw(Log(Result(), tool: """{"driver":{"version":"1.0"}}"""))),
            new("driver name is empty", new Refused(400, "tool.driver.name is required", "runs[0].tool.driver.name"), Raw(Log(Result(), tool: """{"driver":{"name":""}}"""))),
            new("second run without tool", new Refused(400, "runs[1].tool.driver.name is required", "runs[1].tool.driver.name"),
                Raw(Log(Result(), extraRuns: ",{\"results\":[]}"))),

            // Results: types and required fields, each naming the result and the field.
            new("result is a number", new Refused(400, "result 0 must be an object", ResultIndex: 0), Raw(Log("42"))),
            new("result without ruleId", new Refused(400, "no 'ruleId'", "ruleId", 0), Raw("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"message\":{\"text\":\"m\"}}],\"tool\":{\"driver\":{\"name\":\"csc\"}}}]}")),
            new("ruleId is a number", new Refused(400, "'ruleId' must be a string", "ruleId", 0), Raw(Log(Result(ruleId: "7")))),
            new("result without message", new Refused(400, "no 'message.text'", "message.text", 0),
                Raw(Log("{\"ruleId\":\"SL0001\",\"locations\":[]}"))),
            new("message is a string", new Refused(400, "with a 'text' string", "message", 0), Raw(Log("{\"ruleId\":\"SL0001\",\"message\":\"m\"}"))),
            new("unknown level", new Refused(400, "unknown SARIF level 'critical'", "level", 0), Raw(Log(Result(extra: ",\"level\":\"critical\"")))),
            new("startLine is a string", new Refused(400, "'locations[0].physicalLocation.region.startLine' must be a positive integer", "locations[0].physicalLocation.region.startLine", 0),
                Raw(Log(Result(region: "{\"startLine\":\"3\"}")))),
            new("startLine is negative", new Refused(400, "region.startLine' must be a positive integer", "locations[0].physicalLocation.region.startLine", 0), Raw(Log(Result(region: "{\"startLine\":-3}")))),
            new("startLine is fractional", new Refused(400, "region.startLine' must be a positive integer"), Raw(Log(Result(region: "{\"startLine\":3.5}")))),
            new("startLine overflows", new Refused(400, "region.startLine' must be a positive integer"), Raw(Log(Result(region: "{\"startLine\":99999999999}")))),
            new("endLine before startLine", new Refused(400, "endLine 3 is before startLine 9", ResultIndex: 0), Raw(Log(Result(region: "{\"startLine\":9,\"endLine\":3}")))),
            new("suppressions is an object", new Refused(400, "'suppressions' must be an array", "suppressions", 0), Raw(Log(Result(extra: ",\"suppressions\":{}")))),
            new("ruleIndex past the run's rules", new Refused(400, "'ruleIndex' 99 points past the 0 rule(s) of runs[0].tool.driver.rules", "ruleIndex", 0), Raw(Log(Result(extra: ",\"ruleIndex\":99")))),
            new("rule.index past the rules the compiler writes after the results", new Refused(400, "'ruleIndex' 1 points past the 1 rule(s)", "ruleIndex", 1),
                Raw(Log(Result() + "," + Result(extra: ",\"rule\":{\"id\":\"SL0001\",\"index\":1}"), tool: """{"driver":{"name":"csc","rules":[{"id":"SL0001"}]}}"""))),
            new("ruleIndex is a string", new Refused(400, "'ruleIndex' must be an integer of -1 or more", "ruleIndex", 0), Raw(Log(Result(extra: ",\"ruleIndex\":\"0\"")))),
            new("the second result is at fault", new Refused(400, "Result 1", "ruleId", 1), Raw(Log(Result() + "," + Result(ruleId: "\"bad id\"")))),

            // Rule ids have a grammar.
            new("ruleId is markup", new Refused(400, "is not a valid rule id", "ruleId", 0), Raw(Log(Result(ruleId: "\"<svg onload=alert(1)>\"")))),
            new("ruleId has a space", new Refused(400, "is not a valid rule id", "ruleId", 0), Raw(Log(Result(ruleId: "\"SL 0001\"")))),
            new("ruleId starts with a digit", new Refused(400, "is not a valid rule id", "ruleId", 0), Raw(Log(Result(ruleId: "\"0001\"")))),
            new("ruleId is 101 characters", new Refused(400, "is not a valid rule id", "ruleId", 0), Raw(Log(Result(ruleId: "\"S" + new string('1', 100) + "\"")))),
            new("ruleId holds NUL", new Refused(400, "is not a valid rule id", "ruleId", 0), Raw(Log(Result(ruleId: "\"SL\\u00000001\"")))),
            new("ruleId has dot segments", new Refused(400, "is not a valid rule id", "ruleId", 0), Raw(Log(Result(ruleId: "\"A/../../admin/tokens\"")))),
            new("ruleId has an empty segment", new Refused(400, "is not a valid rule id", "ruleId", 0), Raw(Log(Result(ruleId: "\"A//b\"")))),
            new("rule descriptor id has a dot segment", new Refused(400, "runs[0].tool.driver.rules[0].id", "runs[0].tool.driver.rules[0].id"),
                Raw(Log(Result(), tool: """{"driver":{"name":"csc","rules":[{"id":"A/./b"}]}}"""))),
            new("rule.id is markup", new Refused(400, "'rule.id'", "rule.id", 0), Raw(Log("{\"rule\":{\"id\":\"<b>x</b>\"},\"message\":{\"text\":\"m\"}}"))),
            new("rule descriptor id is markup", new Refused(400, "runs[0].tool.driver.rules[0].id", "runs[0].tool.driver.rules[0].id"),
                Raw(Log(Result(), tool: """{"driver":{"name":"csc","rules":[{"id":"<img src=x onerror=alert(1)>"}]}}"""))),
            new("hierarchical rule id is fine", new Stored(null, async (db, id) => Assert.Equal("CA1822/sub.rule-2", (await db.Findings.SingleAsync(f => f.RepositoryId == id)).RuleId)),
                Raw(Log(Result(ruleId: "\"CA1822/sub.rule-2\"")))),

            // Artifact URIs: file: or relative, never another scheme.
            new("uri is a number", new Refused(400, "artifactLocation.uri' must be a string", UriField, 0), Raw(Log(Result(uri: "12")))),
            new("uri has an https scheme", new Refused(400, "is not a valid URI or path", UriField, 0), Raw(Log(Result(uri: "\"https://evil.example/A.cs\"")))),
            new("uri is javascript:", new Refused(400, "is not a valid URI or path", UriField, 0), Raw(Log(Result(uri: "\"javascript:alert(1)\"")))),
            new("uri is mailto:", new Refused(400, "is not a valid URI or path", UriField, 0), Raw(Log(Result(uri: "\"mailto:a@example.test\"")))),
            new("uri is a broken scheme", new Refused(400, "is not a valid URI or path", UriField, 0), Raw(Log(Result(uri: "\"ht!tp:/::bad uri::\"")))),
            new("uri climbs out of the repository", new Refused(400, "climbs out of the repository", UriField, 0), Raw(Log(Result(uri: "\"../../etc/passwd\"")))),
            new("uri is a broken file URI", new Refused(400, "is not a valid URI or path", UriField, 0), Raw(Log(Result(uri: "\"file://[::bad/x.cs\"")))),
            new("uri has a control character", new Refused(400, "is not a valid URI or path", UriField, 0), Raw(Log(Result(uri: "\"src/\\u0001A.cs\"")))),
            new("uri holds NUL", new Refused(400, "is not a valid URI or path", UriField, 0), Raw(Log(Result(uri: "\"src/\\u0000A.cs\"")))),
            new("uri holds a percent-encoded NUL", new Refused(400, "control or bidirectional-control character", UriField, 0), Raw(Log(Result(uri: "\"src/a%00.cs\"")))),
            new("file uri holds a percent-encoded NUL", new Refused(400, "control or bidirectional-control character", UriField, 0), Raw(Log(Result(uri: "\"file:///w/r/src/a%00.cs\"")))),
            new("uri holds a percent-encoded line feed", new Refused(400, "control or bidirectional-control character", UriField, 0), Raw(Log(Result(uri: "\"src/a%0A.cs\"")))),
            new("uri holds a percent-encoded escape", new Refused(400, "control or bidirectional-control character", UriField, 0), Raw(Log(Result(uri: "\"src/a%1B.cs\"")))),
            new("uri holds a percent-encoded DEL", new Refused(400, "control or bidirectional-control character", UriField, 0), Raw(Log(Result(uri: "\"src/a%7F.cs\"")))),
            new("uri holds a percent-encoded C1 control", new Refused(400, "control or bidirectional-control character", UriField, 0), Raw(Log(Result(uri: "\"file:///w/r/src/a%C2%85.cs\"")))),
            new("uri holds a right-to-left override", new Refused(400, "control or bidirectional-control character", UriField, 0), Raw(Log(Result(uri: "\"src/\\u202egnp.cs\"")))),
            new("uri holds a percent-encoded right-to-left override", new Refused(400, "control or bidirectional-control character", UriField, 0), Raw(Log(Result(uri: "\"src/%E2%80%AEgnp.cs\"")))),
            new("uri holds a right-to-left isolate", new Refused(400, "control or bidirectional-control character", UriField, 0), Raw(Log(Result(uri: "\"src/\\u2067x.cs\"")))),
            new("uri names a host", new Refused(400, "names another host", UriField, 0), Raw(Log(Result(uri: "\"//evil/a.cs\"")))),
            new("uri is a UNC path", new Refused(400, "names another host", UriField, 0), Raw(Log(Result(uri: "\"\\\\\\\\evil\\\\share\\\\a.cs\"")))),
            new("file uri names a host", new Refused(400, "names another host", UriField, 0), Raw(Log(Result(uri: "\"file://evilhost/share/a.cs\"")))),
            new("a Windows drive path is a path", new Stored("could not be made repository-relative", async (db, id) =>
                Assert.Equal("src/A.cs", (await db.Findings.SingleAsync(f => f.RepositoryId == id)).Path)), Raw(Log(Result(uri: "\"C:\\\\src\\\\A.cs\"")))),

            // Strict UTF-8.
            new("invalid UTF-8 in a message", new Refused(400, "not valid UTF-8", ResultIndex: 0),
                Raw(Bytes("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":\"SL0001\",\"message\":{\"text\":\"caf", new byte[] { 0xE9 }, "\"}}],\"tool\":{\"driver\":{\"name\":\"csc\"}}}]}"))),
            new("invalid UTF-8 in a ruleId", new Refused(400, "not valid UTF-8"), Raw(Bytes("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":\"SL", new byte[] { 0xFF }, "\"}]}]}"))),
            new("invalid UTF-8 in a skipped value", new Refused(400, "not valid UTF-8", ResultIndex: 0),
                Raw(Bytes("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":\"SL0001\",\"message\":{\"text\":\"m\"},\"properties\":{\"x\":\"", new byte[] { 0xC3, 0x28 },
                    "\"}}],\"tool\":{\"driver\":{\"name\":\"csc\"}}}]}"))),
            new("invalid UTF-8 in a property name", new Refused(400, "not valid UTF-8"), Raw(Bytes("{\"version\":\"2.1.0\",\"", new byte[] { 0xFE }, "\":1,\"runs\":[]}"))),
            new("overlong UTF-8 encoding", new Refused(400, "not valid UTF-8"), Raw(Bytes("{\"version\":\"2.1.0\",\"x\":\"", new byte[] { 0xC0, 0xAF }, "\",\"runs\":[]}"))),
            new("UTF-16 with a byte order mark", new Refused(400, "UTF-16"), Raw(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Log(Result()))).ToArray())),
            new("a lone surrogate escape", new Refused(400, "line 1", ResultIndex: 0), Raw(Log(Result(message: "\"a\\ud800b\"")))),
            new("a UTF-8 byte order mark is fine", new Stored(null, (db, id) => AssertStoredMessage(db, id, "m")), Raw(Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, Log(Result())))),
            new("an escaped surrogate pair is text", new Stored(null, (db, id) => AssertStoredMessage(db, id, "smile \U0001F600")), Raw(Log(Result(message: "\"smile \\ud83d\\ude00\"")))),

            // Control characters in free text: removed, reported, stored the same on both databases.
            new("NUL in a message", new Stored("1 control character removed", (db, id) => AssertStoredMessage(db, id, "beforeafter")), Raw(Log(Result(message: "\"before\\u0000after\"")))),
            new("control characters in a snippet", new Stored("2 control characters removed", async (db, id) =>
                Assert.Equal("ab", (await db.Findings.SingleAsync(f => f.RepositoryId == id)).Snippet)), Raw(Log(Result(region: "{\"startLine\":3,\"snippet\":{\"text\":\"a\\u0007\\u001bb\"}}")))),
            new("C1 control in a justification", new Stored("control character removed", async (db, id) =>
                Assert.Equal("why not", (await db.Findings.SingleAsync(f => f.RepositoryId == id)).SuppressionJustification)),
                Raw(Log(Result(extra: ",\"suppressions\":[{\"kind\":\"inSource\",\"justification\":\"why\\u0085 not\"}]")))),
            // Another tool's rule: ShiftLeft's own rules take their titles from the portal's catalogue, never from an upload.
            new("NUL in a rule title", new Stored("control character removed", async (db, id) => Assert.Equal("Rule title", (await db.RepositoryRules.SingleAsync(r => r.RepositoryId == id && r.RuleId == "XT0009")).Title)),
                Raw(Log(Result(ruleId: "\"XT0009\""), tool: """{"driver":{"name":"csc","rules":[{"id":"XT0009","shortDescription":{"text":"Rule\u0000 title"}}]}}"""))),
            new("tabs and line breaks are text", new Stored(null, (db, id) => AssertStoredMessage(db, id, "a\tb\nc")), Raw(Log(Result(message: "\"a\\tb\\nc\"")))),

            // Upload fields.
            new("repository is missing", new Refused(400, "'repository' is required", "repository"),
                _ => new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs?commit=abc&branch=main&buildId=1") { Content = Uploads.Json(Valid) }),
            new("repository is markup", new Refused(400, "is not a valid name", "repository"), ValidLog()) { Repository = "contoso/<img src=x onerror=alert(1)>" },
            new("repository has a '..' segment", new Refused(400, "is not a valid name", "repository"), ValidLog()) { Repository = "contoso/../etc" },
            new("repository ends with a slash", new Refused(400, "is not a valid name", "repository"), ValidLog()) { Repository = "contoso/repo/" },
            new("repository is not ASCII", new Refused(400, "is not a valid name", "repository"), ValidLog()) { Repository = "contoso/dépôt" },
            new("repository has a double space", new Refused(400, "is not a valid name", "repository"), ValidLog()) { Repository = "contoso/two  spaces" },
            new("repository holds NUL", new Refused(400, "control characters", "repository"), ValidParts()) { Repository = "contoso/a\0b" },
            new("a query-string field holds NUL", new Refused(400, "The URL holds control characters"), ValidLog()) { Repository = "contoso/a\0b" },
            new("repository is percent-encoded non-UTF-8", new Refused(400, "is not a valid name", "repository"),
                _ => new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs?repository=contoso%2F%FFx&commit=abc&branch=main&buildId=1") { Content = Uploads.Json(Valid) }),
            new("repository part is not UTF-8", new Refused(400, "not valid UTF-8", "repository"), _ =>
            {
                var form = new MultipartFormDataContent
                {
                    { new ByteArrayContent(Bytes("contoso/", new byte[] { 0xFF })), "repository" },
                    { new StringContent(Commit), "commit" }, { new StringContent("main"), "branch" }, { new StringContent("b1"), "buildId" },
                    { new ByteArrayContent(Valid), "sarif" },
                };
                return new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = form };
            }),
            new("branch holds NUL", new Refused(400, "control characters", "branch"), ValidParts("main\0")),
            new("commit is not a SHA", new Refused(400, "may contain only letters", "commit"),
                repository => new HttpRequestMessage(HttpMethod.Post, Uploads.Query(repository, "abc def")) { Content = Uploads.Json(Valid) }),
            new("repository with spaces in a segment is fine", new Stored(null, (_, _) => Task.CompletedTask), ValidLog()) { Repository = "Fabrikam/Fiber Team/web" },
            new("unknown multipart part", new Refused(400, "Unknown multipart part 'surprise'"), repository =>
            {
                var form = Uploads.Multipart(repository, Commit, Valid);
                form.Add(new StringContent("x"), "surprise");
                return new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = form };
            }),
            new("nothing to ingest", new Refused(400, "Nothing to ingest"),
                repository => new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = Uploads.Multipart(repository, Commit, null) }),

            new("repository part given twice", new Refused(400, "given twice", "repository"), repository =>
            {
                var form = Uploads.Multipart(repository, Commit, Valid);
                form.Add(new StringContent("contoso/other"), "repository");
                return new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = form };
            }),
            new("branch given twice in the query string", new Refused(400, "given twice", "branch"),
                repository => new HttpRequestMessage(HttpMethod.Post, Uploads.Query(repository, Commit) + "&branch=release") { Content = Uploads.Json(Valid) }),
            new("buildId given in the query string and as a part", new Refused(400, "given twice", "buildId"),
                repository => new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs?buildId=other") { Content = Uploads.Multipart(repository, Commit, Valid) }),

            // Transport.
            new("multipart body truncated inside the log", new Refused(400, "ends early"), repository => Multipart(
                $"--XYZ\r\nContent-Disposition: form-data; name=\"repository\"\r\n\r\n{repository}\r\n--XYZ\r\nContent-Disposition: form-data; name=\"sarif\"; filename=\"a\"\r\n\r\n{{\"version\":")),
            new("multipart body truncated inside a field", new Refused(400, "ends early"), repository => Multipart(
                $"--XYZ\r\nContent-Disposition: form-data; name=\"sarif\"; filename=\"a\"\r\n\r\n{ValidText}\r\n--XYZ\r\nContent-Disposition: form-data; name=\"repository\"\r\n\r\n{repository[..^2]}")),
            new("multipart body without its closing boundary", new Refused(400, "ends early"), repository => Multipart(
                $"--XYZ\r\nContent-Disposition: form-data; name=\"repository\"\r\n\r\n{repository}\r\n")),
            new("body over the upload limit", new Refused(413, "larger than 2000000 bytes"), Raw(new byte[2_100_000])),
            new("gzip bomb", new Refused(413, "larger than 5000000 bytes (after decompression)"),
                Raw(Uploads.Gzip(Encoding.UTF8.GetBytes(Log("") + new string(' ', 6_000_000))), "application/gzip")),
            new("corrupt gzip", new Refused(400, "gzip"), Raw([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "application/gzip")),
            new("gzip is fine", new Stored(null, async (db, id) => Assert.Equal(9, await db.FindingOccurrences.CountAsync(o => db.Findings.Any(f => f.Id == o.FindingId && f.RepositoryId == id)))),
                Raw(Uploads.Gzip(Valid), "application/gzip")),

            // Evidence reports.
            new("evidence is not JSON", new Refused(400, "not valid JSON"), WithEvidence("{ not json")),
            new("evidence schema 2.0", new Refused(400, "schemaVersion '2.0' is not supported", "$.schemaVersion"),
                WithEvidence(Evidence.Replace("\"schemaVersion\": \"1.0\"", "\"schemaVersion\": \"2.0\"", StringComparison.Ordinal))),
            new("evidence without gate", new Refused(400, "$.gate is required", "$.gate"),
                WithEvidence(Evidence.Replace("\"gate\": { \"passed\": false, \"severity\": \"Error\" },", "", StringComparison.Ordinal))),
            new("evidence with an unknown status", new Refused(400, "'lost' is not one of", "$.requirements[1].status"),
                WithEvidence(Evidence.Replace("\"status\": \"missing\"", "\"status\": \"lost\"", StringComparison.Ordinal))),
            new("evidence with a wrong date", new Refused(400, "is not an ISO 8601 date"), WithEvidence(Evidence.Replace("2026-11-19T09:00:00Z", "yesterday", StringComparison.Ordinal))),
            new("evidence with markup in a hash", new Refused(400, "does not have the required form", "$.requirements[0].sha256"),
                WithEvidence(Evidence.Replace("aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11", "<img src=x onerror=alert(1)>", StringComparison.Ordinal))),
            new("evidence from another tool", new Refused(400, "$.tool.name must be \"ShiftLeft.Build\"", "$.tool.name"),
                WithEvidence(Evidence.Replace("\"name\": \"ShiftLeft.Build\"", "\"name\": \"Other.Gate\"", StringComparison.Ordinal))),
            new("evidence with a gate severity outside the schema", new Refused(400, "'fatal' is not one of Error, Warning, None", "$.gate.severity"),
                WithEvidence(Evidence.Replace("\"severity\": \"Error\" }", "\"severity\": \"fatal\" }", StringComparison.Ordinal))),
            new("evidence with a string metric", new Refused(400, "$.metrics[0].value must be a number", "$.metrics[0].value"),
                WithEvidence(Evidence.Replace("\"value\": 4.2", "\"value\": \"high\"", StringComparison.Ordinal))),
            new("evidence is not UTF-8", new Refused(400, "is not valid UTF-8"),
                WithEvidence(Bytes(Evidence.Replace("Support AI team", "Support AI t\u0001am", StringComparison.Ordinal)).Select(b => b == 1 ? (byte)0xFF : b).ToArray())),
            new("evidence is UTF-16", new Refused(400, "UTF-16"), WithEvidence(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Evidence)).ToArray())),
            new("evidence with a lone surrogate", new Refused(400, "not valid Unicode text"), WithEvidence(Evidence.Replace("Support AI team", "Support \\ud800 team", StringComparison.Ordinal))),
            new("evidence system name with a control character", new Refused(400, "$.system.name contains control characters", "$.system.name"),
                WithEvidence(Evidence.Replace("support-chatbot", "support\\u0000chatbot", StringComparison.Ordinal))),
            new("evidence messages with NUL", new Stored("control character removed from the evidence report", async (db, id) =>
                {
                    var messages = await db.RequirementEvidence.Where(r => db.AiSystems.Any(a => a.Id == r.AiSystemId && a.RepositoryId == id) && r.Messages != null)
                        .Select(r => r.Messages!).SingleAsync();
                    Assert.DoesNotContain('\0', messages);
                    Assert.Contains("Model card not found", messages, StringComparison.Ordinal);
                }),
                WithEvidence(Evidence.Replace("Model card not found", "Model card not found\\u0000", StringComparison.Ordinal))),
        ];
    }

    private static void AssertProblem(string name, HttpResponseMessage response, string text, Refused expected)
    {
        Assert.True(expected.Status == (int)response.StatusCode, $"{name}: expected {expected.Status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        var root = problem.RootElement;
        Assert.Equal(expected.Status, root.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:shiftleft:problem:", root.GetProperty("type").GetString(), StringComparison.Ordinal);
        var detail = root.GetProperty("detail").GetString()!;
        Assert.True(detail.Contains(expected.Phrase, StringComparison.OrdinalIgnoreCase), $"{name}: '{expected.Phrase}' not in: {detail}");
        if (expected.Field is not null)
            Assert.Equal(expected.Field, root.TryGetProperty("field", out var field) ? field.GetString() : null);
        if (expected.ResultIndex is not null)
            Assert.Equal(expected.ResultIndex, root.TryGetProperty("resultIndex", out var index) ? index.GetInt32() : null);
    }

    /// <summary>Rows an upload could leave behind; a refused upload changes none of them.</summary>
    private static async Task<(int, int, int, int, int)> CountRowsAsync(PortalServer server)
    {
        await using var db = server.Services.GetRequiredService<PortalDatabase>().CreateDbContext();
        return (await db.Repositories.CountAsync(), await db.Runs.CountAsync(), await db.Findings.CountAsync(), await db.AiSystems.CountAsync(),
            await db.EvidenceReports.CountAsync());
    }
}
