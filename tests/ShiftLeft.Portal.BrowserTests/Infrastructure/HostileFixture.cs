using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using static ShiftLeft.Portal.BrowserTests.Infrastructure.Hostile;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>
/// A portal of its own filled with markup in every field a build or a user controls:
/// <list type="bullet">
/// <item>contoso/hostile: a SARIF log (message, snippet, path, rule name and description, helpUri, suppression, tool)
/// and an evidence report (every string field) uploaded through the API on a branch and build id that are payloads too;</item>
/// <item>a "legacy" repository whose name and rule ids are payloads: the ingestion grammar refuses such names, so they
/// are written into the database directly, as rows stored before the grammar existed would be;</item>
/// <item>a triager whose display name is a payload, two ingestion tokens named with payloads (one used for an upload
/// to a repository whose name is a payload), and a triage decision whose approver and comment are payloads.</item>
/// </list>
/// </summary>
public sealed class HostileFixture : BrowserPortal
{
    public const string TriagerEmail = "triager@hostile.test";
    public const string HostileRepository = "contoso/hostile";
    private const string LegacyRepository = "contoso/legacy";
    private const string Commit = "5555555555555555555555555555555555555555";

    public static readonly string TokenName = Payload("token-name");
    public static readonly string RevocableTokenName = Payload("token-revoked");
    public static readonly string DisplayName = Payload("display-name");
    public static readonly string Branch = Payload("branch");
    public static readonly string BuildId = Payload("build-id");
    public static readonly string LegacyRepositoryName = Payload("repository");
    public static readonly string LegacyRuleId = Payload("rule-id");
    public static readonly string UnclosedRuleId = Unclosed("rule-id-unclosed");
    public static readonly string UploadRepository = Payload("upload-repository");

    /// <summary>Finding texts (SARIF).</summary>
    public static readonly string Message = Payload("message");
    public static readonly string OpenMessage = Payload("open-message");
    public static readonly string Snippet = Payload("snippet");
    public static readonly string PathSegment = Payload("path");
    public static readonly string RuleName = Payload("rule-name");
    public static readonly string Justification = Payload("justification");
    public static readonly string TriageComment = Payload("triage-comment");
    public static readonly string ApprovedBy = Payload("approved-by");

    /// <summary>Evidence-report strings: field → payload.</summary>
    public static readonly IReadOnlyDictionary<string, string> Evidence = new[]
    {
        // Every string the schema leaves free. Hashes, the tool's name, the gate's severity, dates and diagnostic codes have a
        // form the schema fixes: markup there is refused at upload (the malformed-input catalogue).
        "system", "owner", "tier", "project", "ev-commit", "ev-tool-version", "model", "kind", "req-path", "date-note", "cert-model",
        "cert-prompt", "stamped-by", "execution", "execution-ignored", "reason", "ex-approver", "req-message", "metric", "metric-kind",
        "metric-source", "metric-error", "diag-message", "diag-file",
    }.ToDictionary(f => f, Payload);

    public long HostileRepositoryId { get; private set; }
    public long LegacyRepositoryId { get; private set; }
    public long HostileFindingId { get; private set; }
    public long LegacyFindingId { get; private set; }
    public long AiSystemId { get; private set; }

    protected override async Task SeedAsync()
    {
        string token;
        await using (var admin = await OpenAsync(AdminEmail))
        {
            await AdminPages.CreateUserAsync(admin.Page, TriagerEmail, DisplayName, "triager");
            token = await AdminPages.CreateTokenAsync(admin.Page, TokenName, allRepositories: true);
            await AdminPages.CreateTokenAsync(admin.Page, RevocableTokenName, allRepositories: true);
        }
        Mark("payload user and tokens created");

        using var uploader = new HttpClient { BaseAddress = Portal.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        uploader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await UploadAsync(uploader, HostileRepository, Branch, BuildId, HostileSarif(), EvidenceReport(), expectSuccess: true);
        await UploadAsync(uploader, LegacyRepository, "main", "legacy-1", LegacySarif(), null, expectSuccess: true);
        // Refused or not, the attempt lands in the token's use log with the repository name it named.
        await UploadAsync(uploader, UploadRepository, "main", "refused-1", LegacySarif(), null, expectSuccess: false);
        Mark("hostile runs uploaded");

        await WriteLegacyRowsAsync();
        Mark("legacy rows written");

        using var triager = await SignedInClientAsync(TriagerEmail);
        HostileRepositoryId = await RepositoryIdAsync(triager, HostileRepository);
        LegacyRepositoryId = await RepositoryIdAsync(triager, LegacyRepositoryName);
        HostileFindingId = await FirstFindingAsync(triager, HostileRepositoryId);
        LegacyFindingId = await FirstFindingAsync(triager, LegacyRepositoryId);
        using (var decision = await triager.PostAsJsonAsync($"api/v1/findings/{HostileFindingId}/triage",
                   new { action = "AcceptRisk", approvedBy = ApprovedBy, expiresAt = Today.AddDays(30), comment = TriageComment }))
            await EnsureAsync(decision, "triage");
        using (var systems = await triager.GetAsync($"api/v1/ai-systems?repositoryId={HostileRepositoryId}"))
            AiSystemId = (await ReadAsync(systems))["items"]![0]!["id"]!.GetValue<long>();
        Mark("payload triage decision recorded");
    }

    private static async Task UploadAsync(HttpClient http, string repository, string branch, string buildId, string sarif, string? evidence, bool expectSuccess)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(repository), "repository" },
            { new StringContent(Commit), "commit" },
            { new StringContent(branch), "branch" },
            { new StringContent(buildId), "buildId" },
            { new StringContent(sarif, Encoding.UTF8, "application/sarif+json"), "sarif" },
        };
        if (evidence is not null) form.Add(new StringContent(evidence, Encoding.UTF8, "application/json"), "evidence");
        using var response = await http.PostAsync("api/v1/runs", form);
        if (expectSuccess) await EnsureAsync(response, $"upload to {repository}");
    }

    private static string HostileSarif() => Sarif(
        [
            Result("HOSTILE1", "error", Message, "src/" + PathSegment + ".cs", 7, Snippet),
            Result("HOSTILE1", "note", OpenMessage, "src/Open.cs", 5, null),
            Result("HOSTILE1", "warning", Payload("suppressed-message"), "src/Other.cs", 3, null,
                new JsonArray(new JsonObject
                {
                    ["kind"] = "inSource",
                    ["justification"] = Justification,
                    ["properties"] = new JsonObject { ["suppressionType"] = Payload("suppression-type") },
                })),
        ],
        new JsonObject
        {
            ["id"] = "HOSTILE1",
            ["shortDescription"] = new JsonObject { ["text"] = RuleName },
            ["fullDescription"] = new JsonObject { ["text"] = Payload("rule-description") },
            ["helpUri"] = "javascript:alert('help-uri')",
            ["properties"] = new JsonObject { ["category"] = Payload("rule-category") },
        });

    private static string LegacySarif() => Sarif(
        [
            Result("LEGACY1", "error", "A finding of a rule id stored before the grammar", "src/Legacy.cs", 1, null),
            Result("LEGACY2", "warning", "A finding of an unclosed-tag rule id", "src/Legacy.cs", 2, null),
        ],
        null);

    private static JsonObject Result(string ruleId, string level, string message, string uri, int line, string? snippet, JsonArray? suppressions = null)
    {
        var region = new JsonObject { ["startLine"] = line, ["startColumn"] = 1 };
        if (snippet is not null) region["snippet"] = new JsonObject { ["text"] = snippet };
        var result = new JsonObject
        {
            ["ruleId"] = ruleId,
            ["level"] = level,
            ["message"] = new JsonObject { ["text"] = message },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = uri }, ["region"] = region },
            }),
        };
        if (suppressions is not null) result["suppressions"] = suppressions;
        return result;
    }

    private static string Sarif(JsonObject[] results, JsonObject? rule) => new JsonObject
    {
        ["version"] = "2.1.0",
        ["runs"] = new JsonArray(new JsonObject
        {
            ["results"] = new JsonArray(results.Select(r => (JsonNode)r).ToArray()),
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = Payload("tool-name"),
                    ["version"] = Payload("tool-version"),
                    ["rules"] = rule is null ? new JsonArray() : new JsonArray(rule),
                },
            },
        }),
    }.ToJsonString();

    private static string EvidenceReport()
    {
        string E(string field) => Evidence[field];
        return new JsonObject
        {
            ["schemaVersion"] = "1.0",
            ["generatedAt"] = "2026-11-20T10:00:00Z",
            ["tool"] = new JsonObject { ["name"] = "ShiftLeft.Build", ["version"] = E("ev-tool-version") },
            ["project"] = E("project"),
            ["commit"] = E("ev-commit"),
            ["system"] = new JsonObject { ["name"] = E("system"), ["owner"] = E("owner"), ["riskTier"] = E("tier") },
            ["model"] = new JsonObject { ["id"] = E("model"), ["promptHash"] = "sha256:" + new string('a', 64) },
            ["gate"] = new JsonObject { ["passed"] = false, ["severity"] = "Error" },
            ["requirements"] = new JsonArray(new JsonObject
            {
                ["kind"] = E("kind"),
                ["status"] = "excepted",
                ["path"] = E("req-path"),
                ["sha256"] = new string('b', 64),
                ["lastModified"] = "2026-11-19T09:00:00Z",
                ["ageDays"] = 1,
                ["dateSource"] = "fileTime",
                ["dateNote"] = E("date-note"),
                ["datedAt"] = "2026-11-19T09:00:00Z",
                ["certifiedModelId"] = E("cert-model"),
                ["certifiedPromptHash"] = E("cert-prompt"),
                ["stampedBy"] = E("stamped-by"),
                ["stampedAt"] = "2026-11-19T10:00:00Z",
                ["execution"] = new JsonObject { ["name"] = E("execution"), ["selectedBy"] = "latest", ["ignored"] = new JsonArray(E("execution-ignored")) },
                ["exception"] = new JsonObject { ["reason"] = E("reason"), ["approvedBy"] = E("ex-approver"), ["expires"] = "2099-01-01" },
                ["messages"] = new JsonArray(E("req-message")),
            }),
            ["metrics"] = new JsonArray(new JsonObject
            {
                ["name"] = E("metric"), ["kind"] = E("metric-kind"), ["value"] = 0.5, ["threshold"] = ">= 0.4", ["passed"] = true,
                ["source"] = E("metric-source"), ["samples"] = 3, ["error"] = E("metric-error"),
            }),
            ["diagnostics"] = new JsonArray(new JsonObject
            {
                ["code"] = "SL1002", ["severity"] = "error", ["message"] = E("diag-message"), ["file"] = E("diag-file"), ["line"] = 1, ["column"] = 1,
            }),
        }.ToJsonString();
    }

    /// <summary>Rows as a portal without the ingestion grammar stored them: a repository and rule ids that are markup.</summary>
    private async Task WriteLegacyRowsAsync()
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(Portal.DataDirectory, "portal.db")};Default Timeout=60");
        await db.OpenAsync();
        var repositoryColumns = new List<string>();
        await using (var columns = db.CreateCommand())
        {
            columns.CommandText = "SELECT name FROM pragma_table_info('Repositories')";
            await using var reader = await columns.ExecuteReaderAsync();
            while (await reader.ReadAsync()) repositoryColumns.Add(reader.GetString(0));
        }

        var statements = new List<string>
        {
            """UPDATE "Repositories" SET "Name" = $repository WHERE "Name" = $legacy""",
        };
        // Later schemas keep a canonical (lower-case) name next to the shown one.
        if (repositoryColumns.Contains("CanonicalName"))
            statements.Add("""UPDATE "Repositories" SET "CanonicalName" = lower("Name") WHERE "Name" = $repository""");
        foreach (var (from, to) in new[] { ("LEGACY1", "$rule"), ("LEGACY2", "$unclosed") })
        {
            statements.Add($"""UPDATE "Findings" SET "RuleId" = {to} WHERE "RuleId" = '{from}'""");
            statements.Add($"""UPDATE "RepositoryRuleStats" SET "RuleId" = {to} WHERE "RuleId" = '{from}'""");
            statements.Add($"""UPDATE "Rules" SET "Id" = {to}, "Title" = {to} WHERE "Id" = '{from}'""");
        }

        await using var transaction = await db.BeginTransactionAsync();
        foreach (var sql in statements)
        {
            await using var command = db.CreateCommand();
            command.Transaction = (SqliteTransaction)transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$repository", LegacyRepositoryName);
            command.Parameters.AddWithValue("$legacy", LegacyRepository);
            command.Parameters.AddWithValue("$rule", LegacyRuleId);
            command.Parameters.AddWithValue("$unclosed", UnclosedRuleId);
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>An HTTP client signed in through the session API (cookie jar of its own).</summary>
    public async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = Portal.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        using var response = await client.PostAsJsonAsync("api/v1/session", new { email, password = Password });
        await EnsureAsync(response, "sign-in of " + email);
        return client;
    }

    private static async Task<long> RepositoryIdAsync(HttpClient http, string name)
    {
        using var response = await http.GetAsync("api/v1/repositories?pageSize=100");
        var items = (await ReadAsync(response))["items"]!.AsArray();
        return items.Single(i => i!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<long>();
    }

    private static async Task<long> FirstFindingAsync(HttpClient http, long repositoryId)
    {
        using var response = await http.GetAsync($"api/v1/findings?repositoryId={repositoryId}&sort=Severity&descending=true&visibility=All");
        return (await ReadAsync(response))["items"]![0]!["id"]!.GetValue<long>();
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        await EnsureAsync(response, response.RequestMessage?.RequestUri?.ToString() ?? "request");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostileFixture>
{
    public const string Name = "hostile";
}
