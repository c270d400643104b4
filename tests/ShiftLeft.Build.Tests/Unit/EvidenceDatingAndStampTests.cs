using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>How undated artifacts are dated (last commit, else file time), how stamps certify evidence, and custom kinds.</summary>
public sealed class EvidenceDatingAndStampTests
{
    private const string DataSheet = "docs/ai/support/data-sheet.md";
    private const string UndatedDataSheet = "# Data sheet\n## Motivation\nSupport answers.\n## Composition\nKnowledge-base articles.\n## Collection process\nExported from the help centre.\n";

    [Fact]
    public void An_undated_artifact_is_dated_by_its_last_commit_not_by_its_checkout_time()
    {
        using var repository = new TestRepository().WithGreenSystem();
        repository.Write(DataSheet, UndatedDataSheet).CommitAll(daysAgo: 120);
        // A fresh checkout: every file time is "now".
        File.SetLastWriteTimeUtc(repository.FullPath(DataSheet), repository.Now.UtcDateTime);

        var result = repository.Evaluate();

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((RuleIds.EvidenceStale, DataSheet, 0), (error.Code, error.Location.File, error.Location.Line));
        Assert.Contains("is 120 days old (its last commit dates it", error.Message, StringComparison.Ordinal);
        var dataSheet = result.Report!.Requirements.Single(r => r.Kind == "dataSheet");
        Assert.Equal(("commit", (string?)null, (int?)120), (dataSheet.DateSource, dataSheet.DateNote, dataSheet.AgeDays));

        // The same file committed again today is fresh.
        repository.Write(DataSheet, UndatedDataSheet + "\nReviewed.\n").CommitAll(daysAgo: 0);
        Assert.True(repository.Evaluate().Passed);
    }

    [Fact]
    public void Outside_git_and_for_uncommitted_files_the_file_time_dates_and_the_report_says_so()
    {
        using var repository = new TestRepository().WithGreenSystem();
        repository.Write(DataSheet, UndatedDataSheet);
        File.SetLastWriteTimeUtc(repository.FullPath(DataSheet), repository.Now.UtcDateTime.AddDays(-100));

        var outside = repository.Evaluate();
        var error = Assert.Single(outside.Diagnostics);
        Assert.True(error.Message.Contains("its file time dates it 2026-08-19, as it is not in a git repository", StringComparison.Ordinal), error.Message);
        var dataSheet = outside.Report!.Requirements.Single(r => r.Kind == "dataSheet");
        Assert.Equal(("fileTime", "not in a git repository"), (dataSheet.DateSource, dataSheet.DateNote));

        repository.Git("init -q");
        var untracked = repository.Evaluate().Report!.Requirements.Single(r => r.Kind == "dataSheet");
        Assert.Equal(("fileTime", "not committed to git", (int?)100), (untracked.DateSource, untracked.DateNote, untracked.AgeDays));
    }

    [Fact]
    public void A_shallow_clone_cannot_date_a_file_older_than_its_history()
    {
        using var origin = new TestRepository().WithGreenSystem();
        origin.Write(DataSheet, UndatedDataSheet).CommitAll(daysAgo: 200).Write("README.md", "x").CommitAll(daysAgo: 1);
        using var clone = new TestRepository(origin.Now);
        Directory.Delete(clone.Root);
        origin.Git($"clone -q --depth 1 file://{origin.Root} {clone.Root}");

        var result = clone.Evaluate();

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(RuleIds.EvidenceStale, error.Code);
        Assert.Contains("shallow clone's boundary commit", error.Message, StringComparison.Ordinal);
        Assert.Contains("fetch-depth: 0", error.Message, StringComparison.Ordinal);
        Assert.Equal("unknown", result.Report!.Requirements.Single(r => r.Kind == "dataSheet").DateSource);
    }

    [Fact]
    public void Stamping_a_json_artifact_writes_a_sidecar_bound_to_its_bytes_model_and_prompts()
    {
        using var repository = new TestRepository().WithGreenSystem();
        var sidecar = JsonDocument.Parse(repository.Read("eval/support/results.json.shiftleft-stamp.json")).RootElement;

        Assert.Equal("https://shiftleft-dotnet.github.io/shiftleft/schema/shiftleft-stamp.schema.json", sidecar.GetProperty("$schema").GetString());
        Assert.Equal("results.json", sidecar.GetProperty("artifact").GetString());
        Assert.Equal(ContentHashes.Of(repository.ReadBytes("eval/support/results.json")), sidecar.GetProperty("sha256").GetString());
        Assert.Equal((TestRepository.ModelId, repository.PromptHash()), (sidecar.GetProperty("modelId").GetString(), sidecar.GetProperty("promptHash").GetString()));
        var evaluation = repository.Evaluate().Report!.Requirements.Single(r => r.Kind == "evaluation");
        Assert.Equal("Test Reviewer <reviewer@example.com>", evaluation.StampedBy);
        Assert.Equal(repository.Now.AddHours(-1), evaluation.StampedAt);
    }

    [Fact]
    public void Stamping_a_markdown_artifact_sets_its_front_matter_and_keeps_the_rest()
    {
        const string Card = "---\r\nmodel_id: gpt-4-0613\r\nprompt_hash:   # filled by the stamp\r\nlicense: proprietary\r\n---\r\n# Card\r\n";

        var stamped = EvidenceStamper.WithFrontMatter(Card, "gpt-4o-2024-08-06", "sha256:" + new string('a', 64), "Jane \"JD\" Doe <jane@example.com>", "2026-11-27T09:00:00Z");

        Assert.Equal("---\r\nmodel_id: \"gpt-4o-2024-08-06\"\r\nprompt_hash: sha256:" + new string('a', 64) + "\r\nlicense: proprietary\r\nstamped_by: \"Jane \\\"JD\\\" Doe <jane@example.com>\"\r\nstamped_at: 2026-11-27T09:00:00Z\r\n---\r\n# Card\r\n", stamped);
        Assert.StartsWith("---\nstamped_by: \"x\"\nstamped_at: t\n---\n# Plain", EvidenceStamper.WithFrontMatter("# Plain", null, null, "x", "t"), StringComparison.Ordinal);
    }

    [Fact]
    public void Stamping_refuses_templates_and_files_that_are_not_the_systems_evidence()
    {
        using var repository = new TestRepository().WithGreenSystem();
        repository.Write("eval/support/results.json", "{ \"metrics\": [ { \"name\": \"x\", \"value\": null, \"error\": \"TODO(shiftleft): run it\" } ] }");
        var diagnostics = new List<EvidenceDiagnostic>();

        Assert.Null(EvidenceStamper.Stamp(new StampRequest(repository.FullPath(TestRepository.ProjectPath), repository.FullPath("shiftleft.json"), "eval/support/results.json", repository.Now), diagnostics));
        Assert.Null(EvidenceStamper.Stamp(new StampRequest(repository.FullPath(TestRepository.ProjectPath), repository.FullPath("shiftleft.json"), "docs/ai/risk-register.json", repository.Now), diagnostics));
        Assert.Null(EvidenceStamper.Stamp(new StampRequest(repository.FullPath(TestRepository.ProjectPath), repository.FullPath("shiftleft.json"), "../../etc/passwd", repository.Now), diagnostics));

        Assert.Equal([RuleIds.ArtifactInvalid, RuleIds.PolicyInvalid, RuleIds.PolicyInvalid], diagnostics.Select(d => d.Code));
        Assert.Contains("a template certifies nothing", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("Name one of: docs/ai/support/model-card.md, eval/support/results.json, eval/support/redteam.json", diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Contains("climbs out", diagnostics[2].Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A promptfoo run whose provider model.providers maps to the old model: after model.id changes, stamping cannot
    /// make it pass (the mapping outranks a stamp), so the stamp is refused and the build's SL1004 says to update
    /// the mapping or re-run — never "stamp it", which would loop.
    /// </summary>
    [Fact]
    public void A_model_change_under_a_provider_mapping_is_fixed_in_the_mapping_never_by_a_stamp_that_loops()
    {
        using var repository = RealToolSystem.Create("promptfoo/passing.json", providers: RealToolSystem.LocalProvider);
        Assert.True(repository.Evaluate().Passed);
        repository.Write("shiftleft.json", repository.Read("shiftleft.json").Replace("\"id\": \"gpt-4o-2024-08-06\"", "\"id\": \"gpt-4o-2024-11-20\"", StringComparison.Ordinal));
        // The model card is reviewed for the new model and stamped: that works, a card's front matter is rewritten.
        repository.Stamp("docs/ai/support/model-card.md");

        var stale = Assert.Single(repository.Evaluate().Diagnostics);
        Assert.Equal((RuleIds.EvidenceStale, RealToolSystem.Evaluation), (stale.Code, stale.Location.File));
        Assert.Contains("certifies model 'gpt-4o-2024-08-06' (provider 'support-assistant-local' mapped in model.providers), but system 'support-assistant' now uses 'gpt-4o-2024-11-20'. If provider 'support-assistant-local' now calls 'gpt-4o-2024-11-20', change its entry under model.providers in shiftleft.json to 'gpt-4o-2024-11-20'; otherwise re-run the evaluation", stale.Message, StringComparison.Ordinal);
        // One finding for the one change; its stamp (made for the old model) is part of the same advice.
        Assert.EndsWith("A stamp cannot override the mapping: the file records which provider produced it. Its stamp names another model too: once that is done, stamp it again: `dotnet msbuild src/Support/Support.csproj -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact=eval/support/results.json`", stale.Message, StringComparison.Ordinal);

        var stampBefore = repository.Read(RealToolSystem.Evaluation + ".shiftleft-stamp.json");
        var diagnostics = new List<EvidenceDiagnostic>();
        Assert.Null(EvidenceStamper.Stamp(new StampRequest(repository.FullPath(TestRepository.ProjectPath), repository.FullPath("shiftleft.json"), RealToolSystem.Evaluation, repository.Now), diagnostics));
        var refused = Assert.Single(diagnostics);
        Assert.Equal((RuleIds.EvidenceStale, RealToolSystem.Evaluation, stale.Location.Line), (refused.Code, refused.Location.File, refused.Location.Line));
        Assert.StartsWith("Not stamped: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("change its entry under model.providers", refused.Message, StringComparison.Ordinal);
        Assert.Equal(stampBefore, repository.Read(RealToolSystem.Evaluation + ".shiftleft-stamp.json"));

        // Following the advice passes.
        repository.Write("shiftleft.json", repository.Read("shiftleft.json").Replace("\"support-assistant-local\": \"gpt-4o-2024-08-06\"", "\"support-assistant-local\": \"gpt-4o-2024-11-20\"", StringComparison.Ordinal));
        repository.Stamp(RealToolSystem.Evaluation);
        Assert.True(repository.Evaluate().Passed, string.Join(" | ", repository.Evaluate().Diagnostics));
    }

    [Fact]
    public void A_model_card_certifying_another_model_is_fixed_by_stamping_it()
    {
        using var repository = new TestRepository().WithGreenSystem();
        repository.Write("docs/ai/support/model-card.md", repository.CertifiedCard("gpt-4-0613", repository.Date(10)));

        var stale = Assert.Single(repository.Evaluate().Diagnostics);
        Assert.Contains("then stamp it: `dotnet msbuild src/Support/Support.csproj -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact=docs/ai/support/model-card.md`", stale.Message, StringComparison.Ordinal);
        repository.Stamp("docs/ai/support/model-card.md");
        Assert.True(repository.Evaluate().Passed);
    }

    [Fact]
    public void A_declared_custom_kind_may_be_required_and_is_checked_as_an_opaque_file()
    {
        using var repository = new TestRepository().WithGreenSystem(TestRepository.GreenPolicy
            .Replace("\"tiers\": { \"high\": { \"maxEvidenceAgeDays\": 90 } }", "\"customKinds\": { \"dpia\": { \"description\": \"Data protection impact assessment\" } },\n  \"tiers\": { \"high\": { \"maxEvidenceAgeDays\": 90, \"requires\": [\"modelCard\", \"evaluation\", \"dpia\"] } }", StringComparison.Ordinal)
            .Replace("\"oversightPlan\": \"docs/ai/support/oversight-plan.md\"", "\"oversightPlan\": \"docs/ai/support/oversight-plan.md\", \"dpia\": \"docs/ai/support/dpia.pdf\"", StringComparison.Ordinal));
        repository.WriteBytes("docs/ai/support/dpia.pdf", [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0xE2, 0xE3, 0xCF, 0xD3]);

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        var dpia = result.Report!.Requirements.Single(r => r.Kind == "dpia");
        Assert.Equal(("present", true), (dpia.Status, dpia.Required));
        Assert.Equal(ContentHashes.Of(repository.ReadBytes("docs/ai/support/dpia.pdf")), dpia.Sha256);
    }
}
