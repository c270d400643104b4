using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;
using ShiftLeft.Build.Report;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

public sealed class GateBehaviourTests
{
    [Fact]
    public void Complete_evidence_passes_and_reports_every_requirement()
    {
        using var repository = new TestRepository().WithGreenSystem();

        var result = repository.Evaluate();

        Assert.Empty(result.Diagnostics);
        var report = Assert.IsType<EvidenceReport>(result.Report);
        Assert.True(report.Passed);
        Assert.Equal("src/Support/Support.csproj", report.Project);
        Assert.Equal(("support-assistant", "team-support", "high"), (report.SystemName, report.SystemOwner, report.RiskTier));
        Assert.Equal(["modelCard", "evaluation", "redTeam", "riskRegister", "dataSheet", "oversightPlan"], report.Requirements.Select(r => r.Kind));
        Assert.All(report.Requirements, r => Assert.Equal(RequirementStatus.Present, r.Status));
        Assert.Equal(["src/Support/Prompts/system.txt"], report.PromptFiles);
        Assert.Matches("^sha256:[0-9a-f]{64}$", report.PromptHash);
        var groundedness = Assert.Single(report.Metrics, m => m.Name == "groundedness");
        Assert.Equal(4.3, groundedness.Value!.Value, 6);
        Assert.Equal(2, groundedness.Samples);
        Assert.Equal("eval/support/results.json", groundedness.Source);
        Assert.Equal("aieval", report.Requirements.Single(r => r.Kind == "evaluation").Format);
        Assert.Equal("promptfoo", report.Requirements.Single(r => r.Kind == "redTeam").Format);
        Assert.Equal(TestRepository.ModelId, report.Requirements.Single(r => r.Kind == "redTeam").CertifiedModelId);
        Assert.Equal(10, report.Requirements.Single(r => r.Kind == "modelCard").AgeDays);
    }

    [Fact]
    public void Empty_front_matter_is_no_keys_where_front_matter_is_optional()
    {
        using var repository = new TestRepository().WithGreenSystem();
        repository.Write("docs/ai/support/data-sheet.md", $"---\n---\n# Data sheet\n## Motivation\nSupport answers.\n## Composition\nKnowledge-base articles.\n## Collection process\nExported from the help centre.\n");

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join(" | ", result.Diagnostics));
        Assert.Equal("fileTime", result.Report!.Requirements.Single(r => r.Kind == "dataSheet").DateSource);
    }

    [Fact]
    public void Prompt_hash_is_stable_and_ignores_line_endings()
    {
        using var repository = new TestRepository();
        static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
        var lf = ContentHashes.OfPromptSet([("p/b.txt", Bytes("b\n")), ("p/a.txt", Bytes("line one\nline two\n"))]);
        var crlf = ContentHashes.OfPromptSet([("p/a.txt", Bytes("line one\r\nline two\r\n")), ("p/b.txt", Bytes("b\n"))]);
        var changed = ContentHashes.OfPromptSet([("p/a.txt", Bytes("line one\nline 2\n")), ("p/b.txt", Bytes("b\n"))]);

        Assert.Equal(lf, crlf);
        Assert.NotEqual(lf, changed);
        // Pinned: sha256 over "p/a.txt\0<sha256 of content>\n" + "p/b.txt\0<sha256>\n" (documented in docs/evidence-gate.md).
        Assert.Equal("sha256:" + Sha("p/a.txt\0" + Sha("line one\nline two\n") + "\np/b.txt\0" + Sha("b\n") + "\n"), lf);
    }

    [Fact]
    public void Built_in_minimal_tier_requires_only_a_model_card()
    {
        using var repository = new TestRepository();
        repository.Write("shiftleft.json", """{ "systems": [ { "name": "faq", "owner": "t", "riskTier": "minimal", "projects": ["src/**/*.csproj"], "model": { "id": "gpt-4o-2024-08-06" }, "evidence": { "modelCard": "card.md" } } ] }""")
            .Write(TestRepository.ProjectPath, "<Project />")
            .Write("card.md", TestRepository.ModelCard(TestRepository.ModelId, repository.Date(400)));

        var result = repository.Evaluate();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["modelCard"], result.Report!.Requirements.Select(r => r.Kind));
        Assert.Null(result.Report.Requirements[0].MaxAgeDays);
    }

    [Fact]
    public void Built_in_limited_tier_requires_an_evaluation()
    {
        using var repository = new TestRepository();
        repository.Write("shiftleft.json", """{ "systems": [ { "name": "faq", "owner": "t", "riskTier": "limited", "projects": ["src/**/*.csproj"], "evidence": { "modelCard": "card.md" } } ] }""")
            .Write(TestRepository.ProjectPath, "<Project />")
            .Write("card.md", TestRepository.ModelCard(TestRepository.ModelId, repository.Date(1)));

        var error = Assert.Single(repository.Evaluate().Diagnostics);

        Assert.Equal(RuleIds.ArtifactMissing, error.Code);
        Assert.Contains("requires evidence 'evaluation' but declares no", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Location.Line);
    }

    [Fact]
    public void Built_in_high_tier_requires_six_artifacts_within_ninety_days()
    {
        using var repository = new TestRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace("\"tiers\": { \"high\": { \"maxEvidenceAgeDays\": 90 } },", "", StringComparison.Ordinal));
        repository.Write("docs/ai/support/data-sheet.md", $"---\nlast_reviewed: {repository.Date(91)}\n---\n## Motivation\nx\n## Composition\nx\n## Collection process\nx\n");

        var error = Assert.Single(repository.Evaluate().Diagnostics);

        Assert.Equal(RuleIds.EvidenceStale, error.Code);
        Assert.Contains("91 days old", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 90 days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tier_override_replaces_the_requirements()
    {
        using var repository = new TestRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace("\"high\": { \"maxEvidenceAgeDays\": 90 }", "\"high\": { \"requires\": [\"modelCard\", \"evaluation\"] }", StringComparison.Ordinal));
        repository.Delete("docs/ai/support/data-sheet.md");

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        Assert.Equal(2, result.Report!.Requirements.Count(r => r.Required));
        Assert.Equal(RequirementStatus.Missing, result.Report.Requirements.Single(r => r.Kind == "dataSheet").Status);
        Assert.False(result.Report.Requirements.Single(r => r.Kind == "dataSheet").Required);
    }

    [Theory]
    [InlineData(60, true, 0)]
    [InlineData(5, true, 1)]
    [InlineData(0, true, 1)]
    [InlineData(-1, false, 1)]
    public void Exceptions_waive_until_they_expire_and_warn_two_weeks_before(int daysLeft, bool passes, int sl1006Count)
    {
        using var repository = new TestRepository();
        var expires = repository.Date(-daysLeft);
        repository.WithGreenSystem(TestRepository.GreenPolicy.Replace("\"exceptions\": []", $$"""
            "exceptions": [{ "system": "support-assistant", "requirement": "redTeam", "reason": "Red team booked for Q1",
                             "approvedBy": "ciso@example.com", "expires": "{{expires}}" }]
            """, StringComparison.Ordinal));
        repository.Delete("eval/support/redteam.json");

        var result = repository.Evaluate();

        Assert.Equal(passes, result.Passed);
        var sl1006 = result.Diagnostics.Where(d => d.Code == RuleIds.ExceptionExpired).ToList();
        Assert.Equal(sl1006Count, sl1006.Count);
        var redTeam = result.Report!.Requirements.Single(r => r.Kind == "redTeam");
        if (passes)
        {
            Assert.Equal(RequirementStatus.Excepted, redTeam.Status);
            Assert.Equal(new ExceptionReport("Red team booked for Q1", "ciso@example.com", DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture)), redTeam.Exception);
            Assert.All(sl1006, d => Assert.Equal(DiagnosticLevel.Warning, d.Level));
        }
        else
        {
            Assert.Equal(RequirementStatus.Missing, redTeam.Status);
            Assert.Null(redTeam.Exception);
            Assert.Contains(result.Diagnostics, d => d.Code == RuleIds.ExceptionExpired && d.Level == DiagnosticLevel.Error && d.Message.Contains("expired on " + expires, StringComparison.Ordinal));
            Assert.Contains(result.Diagnostics, d => d.Code == RuleIds.ArtifactMissing);
        }

        // The metric measured by the waived red team is not failed on top of the exception.
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == RuleIds.MetricFailing);
        foreach (var d in sl1006)
        {
            Assert.Equal(result.PolicyDirectory + "/shiftleft.json", result.FullPathOf(d.Location));
            Assert.True(d.Location.Line > 1);
        }
    }

    [Fact]
    public void Problems_of_a_waived_artifact_are_warnings()
    {
        using var repository = new TestRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace("\"exceptions\": []", """
            "exceptions": [{ "system": "support-assistant", "requirement": "evaluation", "reason": "Judge model migration", "approvedBy": "ciso", "expires": "2099-01-01" }]
            """, StringComparison.Ordinal));
        repository.WriteStamped("eval/support/results.json", TestRepository.AiEvalReport(repository.Date(1), 2.0));

        var result = repository.Evaluate();

        Assert.True(result.Passed);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((RuleIds.MetricFailing, DiagnosticLevel.Warning), (warning.Code, warning.Level));
        Assert.Contains("Waived by an approved exception", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ai_project_outside_every_system_warns_SL1007_at_its_package_reference()
    {
        using var repository = new TestRepository().WithGreenSystem();
        repository.Write("src/Chat/Chat.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"Microsoft.SemanticKernel\" Version=\"1.82.0\" />\n  </ItemGroup>\n</Project>\n");

        var result = repository.Evaluate("src/Chat/Chat.csproj", ["Serilog", "Microsoft.SemanticKernel"]);

        Assert.Null(result.Report);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((RuleIds.UndeclaredAiSystem, DiagnosticLevel.Warning), (warning.Code, warning.Level));
        Assert.Equal((3, 32), (warning.Location.Line, warning.Location.Column));
        Assert.Contains("belongs to no system", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ai_project_without_any_policy_warns_SL1007()
    {
        using var repository = new TestRepository();
        repository.Write("App/App.csproj", "<Project />");

        var result = repository.Evaluate("App/App.csproj", ["OpenAI"]);

        Assert.Equal(RuleIds.UndeclaredAiSystem, Assert.Single(result.Diagnostics).Code);
        Assert.Contains("ShiftLeftInit", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Empty(repository.Evaluate("App/App.csproj", ["Serilog"]).Diagnostics);
    }

    [Fact]
    public void Hugging_Face_model_index_metrics_meet_thresholds()
    {
        using var repository = new TestRepository();
        repository.Write("shiftleft.json", """{ "systems": [ { "name": "faq", "owner": "t", "riskTier": "minimal", "projects": ["src/**/*.csproj"], "evidence": { "modelCard": "README.md" }, "thresholds": { "accuracy": ">= 0.8" } } ] }""")
            .Write(TestRepository.ProjectPath, "<Project />")
            .Write("README.md", """
                ---
                license: apache-2.0
                base_model: distilbert-base-uncased
                model-index:
                - name: faq-classifier
                  results:
                  - task: { type: text-classification }
                    dataset: { type: faq, name: FAQ intents }
                    metrics:
                    - { type: accuracy, value: 0.91, name: Accuracy }
                ---
                # faq-classifier
                ## Model description
                x
                ## Intended uses & limitations
                x
                ## Evaluation results
                x
                """);

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        Assert.Equal(0.91, result.Report!.Metrics.Single().Value);
        Assert.Equal("distilbert-base-uncased", result.Report.Requirements[0].CertifiedModelId);
    }

    [Fact]
    public void ShiftLeft_evaluation_format_certifies_model_and_prompts_and_a_prompt_edit_makes_every_artifact_stale()
    {
        using var repository = new TestRepository().WithGreenSystem();
        var promptHash = repository.PromptHash();
        repository.Delete("eval/support/results.json.shiftleft-stamp.json").Write("eval/support/results.json", $$"""
            { "format": "shiftleft-evaluation", "version": "1", "date": "{{repository.Date(3)}}", "modelId": "gpt-4o-2024-08-06",
              "promptHash": "{{promptHash}}", "commit": "abc", "dataset": { "name": "support-golden", "version": "3", "size": 200 },
              "metrics": [ { "name": "groundedness", "value": 4.6 }, { "name": "groundedness", "value": 4.0, "dataset": "hard" } ] }
            """);

        var result = repository.Evaluate();
        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        Assert.Equal(promptHash, result.Report!.Requirements.Single(r => r.Kind == "evaluation").CertifiedPromptHash);

        // Editing the prompt and copying the new hash into the model card is not enough: every artifact produced
        // against the old prompts is stale, whether it records the hash itself or in its stamp.
        repository.Write("src/Support/Prompts/system.txt", "You are the support assistant. Answer anything.\n");
        var newHash = repository.Evaluate().Report!.PromptHash!;
        repository.Write("docs/ai/support/model-card.md", repository.Read("docs/ai/support/model-card.md").Replace(promptHash, newHash, StringComparison.Ordinal));
        var stale = repository.Evaluate();
        Assert.All(stale.Diagnostics, d => Assert.Equal(RuleIds.EvidenceStale, d.Code));
        Assert.Equal(
            [("eval/support/redteam.json.shiftleft-stamp.json", "redTeam"), ("eval/support/results.json", "evaluation")],
            stale.Diagnostics.Select(d => (d.Location.File!, d.Message.Contains("'eval/support/results.json'", StringComparison.Ordinal) ? "evaluation" : "redTeam")).OrderBy(d => d.Item1, StringComparer.Ordinal));
        Assert.All(stale.Diagnostics, d => Assert.Contains("produced against other prompts", d.Message, StringComparison.Ordinal));
        Assert.Equal(2, stale.Diagnostics.Single(d => d.Location.File == "eval/support/results.json").Location.Line);
        Assert.Equal(RequirementStatus.Present, stale.Report!.Requirements.Single(r => r.Kind == "modelCard").Status);
        Assert.Equal(RequirementStatus.Stale, stale.Report.Requirements.Single(r => r.Kind == "evaluation").Status);
        Assert.Equal(RequirementStatus.Stale, stale.Report.Requirements.Single(r => r.Kind == "redTeam").Status);
    }

    [Fact]
    public void A_project_claimed_by_two_systems_is_SL1005_at_the_second_claim()
    {
        using var repository = new TestRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace("}],\n  \"tiers\"", "},\n    { \"name\": \"other\", \"owner\": \"t\", \"riskTier\": \"minimal\",\n      \"projects\": [\"src/**/*.csproj\"] }],\n  \"tiers\"", StringComparison.Ordinal));

        var error = Assert.Single(repository.Evaluate().Diagnostics);

        Assert.Equal(RuleIds.PolicyInvalid, error.Code);
        Assert.Equal(19, error.Location.Line);
        Assert.Contains("several systems (support-assistant, other)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Byte_order_marks_comments_and_trailing_commas_are_accepted()
    {
        using var repository = new TestRepository().WithGreenSystem();
        var bom = System.Text.Encoding.UTF8.GetPreamble();
        repository.WriteBytes("shiftleft.json", [.. bom, .. System.Text.Encoding.UTF8.GetBytes(TestRepository.GreenPolicy.Replace("\"exceptions\": []", "/* none yet */ \"exceptions\": [],", StringComparison.Ordinal))]);
        repository.WriteBytes("docs/ai/risk-register.json", [.. bom, .. System.Text.Encoding.UTF8.GetBytes(TestRepository.RiskRegister("support-assistant", repository.Date(2)))]);
        repository.WriteBytes("docs/ai/support/model-card.md", [.. bom, .. System.Text.Encoding.UTF8.GetBytes(repository.CertifiedCard(TestRepository.ModelId, repository.Date(2)))]);

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        Assert.Equal(TestRepository.ModelId, result.Report!.Requirements[0].CertifiedModelId);
    }

    private static string Sha(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
