using System.Text.Json.Nodes;
using ShiftLeft.Build.Publishing;

namespace ShiftLeft.Build.Tests.Unit.Publishing;

public sealed class SarifComposerTests(CompilerLogFixture log) : IClassFixture<CompilerLogFixture>
{
    private static readonly PublishSettings Everything = new() { Rules = ["*"] };

    private SarifComposer Composer(PublishSettings? settings = null) => new(settings ?? Everything, log.Root, "shiftleft/chat", "0.1.0");

    private static List<JsonObject> Results(JsonObject sarif, int run = 0) => sarif["runs"]![run]!["results"]!.AsArray().Cast<JsonObject>().ToList();

    [Fact]
    public void Compiler_results_get_relative_paths_and_code_scanning_line_hashes()
    {
        var composer = Composer();
        composer.AddCompilerLog(log.Sarif, log.Project);

        var sarif = composer.Compose();

        Assert.Empty(composer.Problems);
        var run = sarif["runs"]![0]!;
        Assert.Equal("2.1.0", sarif["version"]!.GetValue<string>());
        Assert.Equal("Microsoft (R) Visual C# Compiler", run["tool"]!["driver"]!["name"]!.GetValue<string>());
        Assert.Equal("shiftleft/chat/", run["automationDetails"]!["id"]!.GetValue<string>());
        Assert.Equal(new Uri(log.Root + "/").AbsoluteUri, run["originalUriBaseIds"]!["%SRCROOT%"]!["uri"]!.GetValue<string>());
        var results = Results(sarif);
        Assert.Equal(9, results.Count);
        var hashes = LineHash.Compute(File.ReadAllText(Path.Combine(log.Root, "Chat.cs")));
        foreach (var result in results)
        {
            var physical = result["locations"]![0]!["physicalLocation"]!;
            Assert.Equal(("Chat.cs", "%SRCROOT%"), (physical["artifactLocation"]!["uri"]!.GetValue<string>(), physical["artifactLocation"]!["uriBaseId"]!.GetValue<string>()));
            Assert.Equal(hashes[physical["region"]!["startLine"]!.GetValue<int>() - 1], result["partialFingerprints"]!["primaryLocationLineHash"]!.GetValue<string>());
        }

        Assert.Equal(2, results.Count(r => r["suppressions"] is not null));
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["CA1822", "CS0168", "CS8602"], rules);
        Assert.All(results, r => Assert.Equal(r["ruleId"]!.GetValue<string>(), rules[r["ruleIndex"]!.GetValue<int>()]));
        Assert.DoesNotContain("executionTimeInSeconds", sarif.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_ShiftLeft_rules_are_published_by_default()
    {
        var composer = Composer(new PublishSettings());
        composer.AddCompilerLog(log.Sarif, log.Project);

        Assert.Empty(Results(composer.Compose()));
        Assert.Empty(composer.ResultsPerRule);
    }

    [Fact]
    public void A_log_seen_twice_as_from_a_multi_targeted_project_publishes_its_results_once_and_composes_identically()
    {
        var once = Composer();
        once.AddCompilerLog(log.Sarif, log.Project);
        var twice = Composer();
        twice.AddCompilerLog(log.Sarif, log.Project);
        twice.AddCompilerLog(log.Sarif, log.Project);

        Assert.Equal(once.Compose().ToJsonString(), twice.Compose().ToJsonString());
    }

    [Fact]
    public void ShiftLeft_rules_carry_tags_precision_security_severity_and_their_page_as_help()
    {
        var composer = Composer(new PublishSettings());
        composer.AddCompilerLog(log.SarifWithRule("SL0002"), log.Project);

        var sarif = composer.Compose();

        Assert.Equal(4, Results(sarif).Count);
        var rule = sarif["runs"]![0]!["tool"]!["driver"]!["rules"]![0]!;
        Assert.Equal("SL0002", rule["id"]!.GetValue<string>());
        var properties = rule["properties"]!;
        Assert.Equal("7.5", properties["security-severity"]!.GetValue<string>());
        Assert.Equal("high", properties["precision"]!.GetValue<string>());
        Assert.Contains("security", properties["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        var markdown = rule["help"]!["markdown"]!.GetValue<string>();
        Assert.StartsWith("# SL0002 — Model call has no guardrail", markdown, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\]\((?!https?:)[^)]*\.md", markdown);
        Assert.Equal(4, composer.ResultsPerRule["SL0002"]);
    }

    [Fact]
    public void The_gate_diagnostics_of_an_evidence_report_become_a_ShiftLeft_Build_run()
    {
        Directory.CreateDirectory(Path.Combine(log.Root, "eval"));
        File.WriteAllText(Path.Combine(log.Root, "eval", "results.json"), "{ \"metrics\": [] }\n");
        var composer = Composer(new PublishSettings());
        composer.AddEvidenceReport(log.Evidence, log.Root);

        var sarif = composer.Compose();

        var run = sarif["runs"]![0]!;
        Assert.Equal("ShiftLeft.Build", run["tool"]!["driver"]!["name"]!.GetValue<string>());
        var result = Assert.Single(Results(sarif));
        Assert.Equal(("SL1002", "error"), (result["ruleId"]!.GetValue<string>(), result["level"]!.GetValue<string>()));
        var physical = result["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("eval/results.json", physical["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal((1, 1), (physical["region"]!["startLine"]!.GetValue<int>(), physical["region"]!["startColumn"]!.GetValue<int>()));
        Assert.NotNull(result["partialFingerprints"]!["primaryLocationLineHash"]);
        var rule = run["tool"]!["driver"]!["rules"]![0]!;
        Assert.Equal("Evidence artifact is invalid", rule["shortDescription"]!["text"]!.GetValue<string>());
        Assert.StartsWith("# SL1002", rule["help"]!["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_or_SARIF_1_log_is_a_problem_not_a_crash()
    {
        var old = Path.Combine(log.Root, "obj", "v1.sarif");
        File.WriteAllText(old, "{ \"version\": \"1.0.0\", \"runLogs\": [] }");
        var broken = Path.Combine(log.Root, "obj", "broken.sarif");
        File.WriteAllText(broken, "{ \"version\": \"2.1.0\", \"runs\": [");
        var composer = Composer();

        composer.AddCompilerLog(old, log.Project);
        composer.AddCompilerLog(broken, log.Project);
        composer.AddCompilerLog(Path.Combine(log.Root, "missing.sarif"), log.Project);

        Assert.Equal(3, composer.Problems.Count);
        Assert.Contains("not SARIF 2.1.0", composer.Problems[0], StringComparison.Ordinal);
        Assert.Empty(composer.Compose()["runs"]!.AsArray());
    }
}
