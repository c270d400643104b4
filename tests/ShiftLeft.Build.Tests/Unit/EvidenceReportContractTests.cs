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

    [Fact]
    public void Governed_reports_match_the_schema_and_carry_every_field_added_for_governance()
    {
        using var portal = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(portal);
        repository.Write("governance/exceptions/data-sheet.json", portal.Exception("support-assistant", "dataSheet", "dana@example.com", "ciso@example.com", repository.Now.AddDays(-3), DateOnly.FromDateTime(repository.Now.AddDays(30).UtcDateTime), "Rewrite pending", "R-1"));
        var passing = Serialize(repository.SignOff(portal));
        repository.WriteStamped("eval/support/results.json", TestRepository.AiEvalReport(repository.Date(1), 2.0, 3.0));
        var failing = Serialize(repository);

        foreach (var report in new[] { passing, failing })
        {
            var evaluation = Schema.Evaluate(report.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value))));
        }

        var root = JsonNode.Parse(passing.RootElement.GetRawText())!.AsObject();
        foreach (var name in new[] { "evidenceSha256", "measurements", "baseline", "regressions", "fairness", "signOff", "riskLinks", "registeredRisks" })
        {
            Assert.True(root.ContainsKey(name), name);
        }

        Assert.Matches("^[0-9a-f]{64}$", (string?)root["evidenceSha256"]);
        Assert.Equal(["kind", "name", "source", "statistic", "n", "value", "successes", "standardDeviation", "errored"], root["measurements"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["status", "source", "location", "acceptedBy", "acceptedAt", "commit", "generatedAt", "evidenceSha256"], root["baseline"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["name", "kind", "source", "better", "maxRegression", "minSamples", "allowedDrop", "baselineValue", "baselineN", "currentValue", "currentN", "drop", "dropLowerBound", "confidence", "method", "status", "passed", "risks"], root["regressions"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["metric", "kind", "source", "attribute", "better", "maxGap", "minCohortSize", "worstCohortMin", "worstCohortMax", "gap", "worstCohort", "bestCohort", "status", "passed", "unassigned", "cohorts", "risks"], root["fairness"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["value", "n", "metricValue", "successes", "status"], root["fairness"]![0]!["cohorts"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["required", "status", "path", "evidenceSha256", "signer", "signedAt", "comment", "keyId", "commit"], root["signOff"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["target", "targetType", "risks"], root["riskLinks"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "title", "category", "likelihood", "impact", "mitigation", "owner", "status"], root["registeredRisks"]![0]!.AsObject().Select(p => p.Key));
        var exception = root["requirements"]!.AsArray().Single(r => (string?)r!["kind"] == "dataSheet")!["exception"]!.AsObject();
        Assert.Equal(["reason", "approvedBy", "expires", "requestedBy", "approvedAt", "source", "record", "keyId", "risks"], exception.Select(p => p.Key));
        Assert.Equal("record", (string?)exception["source"]);
        Assert.True(root["metrics"]![0]!.AsObject().ContainsKey("risks"));

        var failed = JsonNode.Parse(failing.RootElement.GetRawText())!;
        Assert.Contains(failed["diagnostics"]!.AsArray(), d => (string?)d!["code"] == "SL1003" && d["risks"]!.AsArray().Select(r => (string?)r).SequenceEqual(["R-1"]));
        Assert.Equal("stale", (string?)failed["signOff"]!["status"]);
    }

    [Fact]
    public void The_baseline_file_matches_its_published_schema()
    {
        using var portal = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(portal);
        var registry = new SchemaRegistry();
        JsonSchema.FromText(File.ReadAllText(Path.Combine(PackedPackageFixture.RepositoryRoot, "docs", "schema", "shiftleft-evidence.schema.json")), new BuildOptions { SchemaRegistry = registry });
        var baselineSchema = JsonSchema.FromText(File.ReadAllText(Path.Combine(PackedPackageFixture.RepositoryRoot, "docs", "schema", "shiftleft-baseline.schema.json")), new BuildOptions { SchemaRegistry = registry });

        using var baseline = JsonDocument.Parse(repository.Read("shiftleft-baseline.json"));

        Assert.True(baselineSchema.Evaluate(baseline.RootElement).IsValid);
        Assert.Equal("https://shiftleft-dotnet.github.io/shiftleft/schema/shiftleft-baseline.schema.json", baseline.RootElement.GetProperty("$schema").GetString());
    }

    private static JsonDocument Serialize(TestRepository repository) =>
        JsonDocument.Parse(EvidenceReportWriter.Serialize(repository.Evaluate().Report!));
}
