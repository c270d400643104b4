using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ShiftLeft.Build.Report;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>shiftleft-evidence.json is a contract with the portal: exact names, documented schema.</summary>
public sealed class EvidenceReportContractTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "shiftleft-evidence.schema.json")),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    [Fact]
    public void Passing_and_failing_reports_match_the_published_schema()
    {
        using var repository = new TestRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace("\"exceptions\": []", """
            "exceptions": [{ "system": "support-assistant", "requirement": "dataSheet", "reason": "r", "approvedBy": "ciso", "expires": "2099-01-01" }]
            """, StringComparison.Ordinal));
        var passing = Serialize(repository);
        repository.Write("eval/support/results.json", TestRepository.AiEvalReport(repository.Date(1), 1.0)).Delete("docs/ai/support/oversight-plan.md");
        var failing = Serialize(repository);

        foreach (var report in new[] { passing, failing })
        {
            var evaluation = Schema.Evaluate(report.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value))));
        }

        Assert.True(passing.RootElement.GetProperty("gate").GetProperty("passed").GetBoolean());
        Assert.False(failing.RootElement.GetProperty("gate").GetProperty("passed").GetBoolean());
        var excepted = passing.RootElement.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "dataSheet");
        Assert.Equal("excepted", excepted.GetProperty("status").GetString());
        Assert.Equal("2099-01-01", excepted.GetProperty("exception").GetProperty("expires").GetString());
        var diagnostic = failing.RootElement.GetProperty("diagnostics")[0];
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.False(Path.IsPathRooted(diagnostic.GetProperty("file").GetString()));
    }

    [Fact]
    public void Report_uses_exactly_the_contract_names()
    {
        using var repository = new TestRepository().WithGreenSystem();
        var root = JsonNode.Parse(EvidenceReportWriter.Serialize(repository.Evaluate().Report!))!.AsObject();

        Assert.Equal("1.0", (string?)root["schemaVersion"]);
        Assert.Equal("2026-11-27T10:00:00Z", (string?)root["generatedAt"]);
        Assert.Equal("ShiftLeft.Build", (string?)root["tool"]!["name"]);
        Assert.Equal("0123abcd0123abcd0123abcd0123abcd0123abcd", (string?)root["commit"]);
        Assert.Equal("gpt-4o-2024-08-06", (string?)root["model"]!["id"]);
        Assert.Equal(">= 4", (string?)root["metrics"]![0]!["threshold"]);
        foreach (var name in new[] { "schemaVersion", "generatedAt", "tool", "project", "commit", "system", "model", "gate", "requirements", "metrics", "diagnostics" })
        {
            Assert.True(root.ContainsKey(name), name);
        }

        var requirement = root["requirements"]![0]!.AsObject();
        foreach (var name in new[] { "kind", "status", "path", "sha256", "lastModified", "ageDays", "certifiedModelId", "certifiedPromptHash", "messages" })
        {
            Assert.True(requirement.ContainsKey(name), name);
        }

        Assert.False(requirement.ContainsKey("exception"));

        // Fields added for the portal to follow; none renamed or removed.
        foreach (var name in new[] { "required", "evidenceDate", "maxAgeDays", "dateSource", "dateNote", "datedAt", "format", "stampedBy", "stampedAt" })
        {
            Assert.True(requirement.ContainsKey(name), name);
        }

        Assert.Equal("content", (string?)requirement["dateSource"]);
        Assert.Equal("Test Reviewer <reviewer@example.com>", (string?)requirement["stampedBy"]);
        var evaluation = root["requirements"]!.AsArray().Single(r => (string?)r!["kind"] == "evaluation")!;
        Assert.Equal("latest", (string?)evaluation["execution"]!["selectedBy"]);
        Assert.Equal("20261120", (string?)evaluation["execution"]!["name"]);
        Assert.Empty(evaluation["execution"]!["ignored"]!.AsArray());
        Assert.Equal("evaluation", (string?)root["metrics"]![0]!["kind"]);
    }

    private static JsonDocument Serialize(TestRepository repository) =>
        JsonDocument.Parse(EvidenceReportWriter.Serialize(repository.Evaluate().Report!));
}
