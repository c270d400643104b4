using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>
/// What the tests upload through the real ingestion API, and what they therefore expect to see:
/// <list type="bullet">
/// <item>contoso/support-bot: run 1 = the sample repository compiled as is; run 2 = the same with Indexer.cs's unused
/// variable removed (one finding fixed). Both carry an evidence report for "support-assistant" (high tier, gate failed).</item>
/// <item>contoso/search-api: one run with only an evidence report for "search-ranker" (limited tier, gate passed).</item>
/// </list>
/// </summary>
public sealed class SeedData
{
    public const string SupportRepository = "contoso/support-bot";
    public const string SearchRepository = "contoso/search-api";
    public const string Branch = "main";
    public const string OwaspMappedRule = "CS1030";
    public const string OwaspCategory = "LLM05";
    public const string XssPayload = "<img src=x onerror=alert('xss')><script>alert('xss')</script>";

    /// <summary>Findings of the latest run of contoso/support-bot (what the portal should show as current).</summary>
    public required IReadOnlyList<ExpectedFinding> Current { get; init; }

    /// <summary>The finding run 2 no longer reports.</summary>
    public required ExpectedFinding FixedInRun2 { get; init; }

    public required IReadOnlyList<JsonObject> RunResponses { get; init; }

    /// <summary>The two compiler runs over the sample repository (the second with one finding fixed), in a temp folder.</summary>
    public sealed record Compiled(string WorkDirectory, string Run1Root, string Sarif1, IReadOnlyList<ExpectedFinding> Findings1,
        string Run2Root, string Sarif2, IReadOnlyList<ExpectedFinding> Findings2);

    /// <summary>Compiles both runs. Independent of the portal, so the fixture starts it while the portal boots.</summary>
    public static async Task<Compiled> CompileAsync()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "TestData", "sample-repo");
        var work = Path.Combine(Path.GetTempPath(), "shiftleft-seed-" + Guid.NewGuid().ToString("N"));
        var run1Root = Path.Combine(work, "run1", "support-bot");
        CompilerSarif.CopyDirectory(source, run1Root);
        var run2Root = Path.Combine(work, "run2", "support-bot");
        CompilerSarif.CopyDirectory(source, run2Root);
        var indexer = Path.Combine(run2Root, "src", "Search", "Indexer.cs");
        var fixedSource = File.ReadAllText(indexer).Replace("        int batch;\n", "", StringComparison.Ordinal);
        if (fixedSource.Contains("int batch;", StringComparison.Ordinal)) throw new InvalidOperationException("The sample's Indexer.cs changed: run 2 no longer fixes a finding.");
        File.WriteAllText(indexer, fixedSource);

        var first = CompilerSarif.CompileAsync(run1Root);
        var second = CompilerSarif.CompileAsync(run2Root);
        var (sarif1, findings1) = await first;
        var (sarif2, findings2) = await second;
        return new Compiled(work, run1Root, sarif1, findings1, run2Root, sarif2, findings2);
    }

    public static async Task<SeedData> UploadAsync(Uri portal, string token, Compiled compiled)
    {
        try
        {
            var fixedFinding = compiled.Findings1.Single(f => f.Message.Contains("'batch'", StringComparison.Ordinal));
            using var http = new HttpClient { BaseAddress = portal, Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var responses = new List<JsonObject>
            {
                await PostRunAsync(http, SupportRepository, "1111111111111111111111111111111111111111", "build-1", compiled.Run1Root, compiled.Sarif1,
                    SupportAssistantEvidence("1111111111111111111111111111111111111111")),
                await PostRunAsync(http, SupportRepository, "2222222222222222222222222222222222222222", "build-2", compiled.Run2Root, compiled.Sarif2,
                    SupportAssistantEvidence("2222222222222222222222222222222222222222")),
                await PostRunAsync(http, SearchRepository, "3333333333333333333333333333333333333333", "build-7", null, null,
                    SearchRankerEvidence("3333333333333333333333333333333333333333")),
            };
            return new SeedData { Current = compiled.Findings2, FixedInRun2 = fixedFinding, RunResponses = responses };
        }
        finally
        {
            try { Directory.Delete(compiled.WorkDirectory, recursive: true); }
            catch (IOException) { }
        }
    }

    private static async Task<JsonObject> PostRunAsync(HttpClient http, string repository, string commit, string buildId, string? sourceRoot, string? sarifPath, string? evidence)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(repository), "repository" },
            { new StringContent(commit), "commit" },
            { new StringContent(Branch), "branch" },
            { new StringContent(buildId), "buildId" },
        };
        if (sourceRoot is not null) form.Add(new StringContent(sourceRoot), "sourceRoot");
        if (sarifPath is not null)
        {
            var sarif = new ByteArrayContent(await File.ReadAllBytesAsync(sarifPath));
            sarif.Headers.ContentType = new MediaTypeHeaderValue("application/sarif+json");
            // No filename: the API (as of this commit) refuses parts whose Content-Disposition carries one (reported).
            form.Add(sarif, "sarif");
        }
        if (evidence is not null)
        {
            var content = new StringContent(evidence);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(content, "evidence");
        }
        using var response = await http.PostAsync("api/v1/runs", form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/v1/runs for {repository} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>A high-tier system with one requirement missing, one stale, one excepted: the gate fails.</summary>
    private static string SupportAssistantEvidence(string commit) => Evidence(commit, "support-assistant", "Support platform team", "high",
        "gpt-4o-2024-08-06", passed: false,
        [
            Requirement("modelCard", "present", "docs/ai/model-card.md", 12),
            Requirement("evaluation", "present", "eval/results.json", 3),
            Requirement("redTeam", "missing", null, null, messages: ["SL1002: redTeam evidence is required for tier 'high' but eval/redteam.json does not exist."]),
            Requirement("riskRegister", "excepted", null, null, exception: ("Register moves to the GRC tool this quarter", "Carol CTO", BrowserPortal.Today.AddDays(45))),
            Requirement("dataSheet", "stale", "docs/ai/datasheet.md", 140, messages: ["SL1004: dataSheet is 140 days old; tier 'high' allows 90."]),
            Requirement("oversightPlan", "present", "docs/ai/oversight.md", 20),
        ],
        [Metric("groundedness", 0.91, ">= 0.8", true), Metric("toxicity", 0.002, "<= 0.01", true)]);

    /// <summary>A limited-tier system with everything present and passing.</summary>
    private static string SearchRankerEvidence(string commit) => Evidence(commit, "search-ranker", "Search relevance team", "limited",
        "text-embedding-3-large", passed: true,
        [Requirement("modelCard", "present", "docs/model-card.md", 5), Requirement("evaluation", "present", "eval/ranking.json", 1)],
        [Metric("ndcg@10", 0.74, ">= 0.7", true)]);

    // The shape ShiftLeft.Build's EvidenceReportWriter writes (schema 1.0).
    private static string Evidence(string commit, string system, string owner, string tier, string model, bool passed, JsonArray requirements, JsonArray metrics) =>
        new JsonObject
        {
            ["schemaVersion"] = "1.0",
            ["generatedAt"] = BrowserPortal.ClockStart.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["tool"] = new JsonObject { ["name"] = "ShiftLeft.Build", ["version"] = "0.1.0" },
            ["project"] = "src/Support/Contoso.Support.csproj",
            ["policy"] = "shiftleft.json",
            ["commit"] = commit,
            ["system"] = new JsonObject { ["name"] = system, ["owner"] = owner, ["riskTier"] = tier },
            ["model"] = new JsonObject { ["id"] = model, ["promptHash"] = "sha256:9f2c4e" + new string('0', 58), ["promptFiles"] = new JsonArray("prompts/system.txt") },
            ["gate"] = new JsonObject { ["passed"] = passed, ["severity"] = "Error" },
            ["requirements"] = requirements,
            ["metrics"] = metrics,
            ["diagnostics"] = new JsonArray(),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonObject Requirement(string kind, string status, string? path, int? ageDays,
        string[]? messages = null, (string Reason, string ApprovedBy, DateTime Expires)? exception = null)
    {
        var requirement = new JsonObject
        {
            ["kind"] = kind,
            ["status"] = status,
            ["required"] = true,
            ["path"] = path,
            ["sha256"] = path is null ? null : "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
            ["lastModified"] = ageDays is null ? null : BrowserPortal.Today.AddDays(-ageDays.Value).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["ageDays"] = ageDays,
            ["certifiedModelId"] = path is null ? null : "gpt-4o-2024-08-06",
            ["certifiedPromptHash"] = null,
            ["messages"] = new JsonArray((messages ?? []).Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
        };
        if (exception is { } e)
        {
            requirement["exception"] = new JsonObject
            {
                ["reason"] = e.Reason,
                ["approvedBy"] = e.ApprovedBy,
                ["expires"] = e.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
        }
        return requirement;
    }

    // As ShiftLeft.Build writes it: the threshold is the policy's expression.
    private static JsonObject Metric(string name, double value, string threshold, bool passed) => new()
    {
        ["name"] = name,
        ["kind"] = "evaluation",
        ["value"] = value,
        ["threshold"] = threshold,
        ["passed"] = passed,
        ["source"] = "eval/results.json",
        ["samples"] = 50,
        ["error"] = null,
    };
}
