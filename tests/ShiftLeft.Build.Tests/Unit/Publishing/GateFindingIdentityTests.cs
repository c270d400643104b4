using System.Text.Json.Nodes;
using ShiftLeft.Build.Publishing;
using ShiftLeft.Build.Report;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit.Publishing;

/// <summary>
/// The identity key SarifComposer gives each gate finding, on reports the real gate writes for a throwaway repository:
/// present where the compiler writes the analyzers' key, kept when the message is reworded or the policy entry moves,
/// distinct for two findings of one policy file, numbered when two would be equal.
/// </summary>
public sealed class GateFindingIdentityTests : IDisposable
{
    private const string ModelCardEntry = "\"modelCard\": \"docs/ai/support/model-card.md\",\n";

    private readonly TestRepository _repository = new TestRepository().WithGreenSystem();

    public GateFindingIdentityTests()
    {
        _repository.Delete("docs/ai/support/model-card.md").Delete("docs/ai/support/data-sheet.md");
    }

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Each_gate_finding_carries_its_key_where_the_compiler_writes_the_analyzers_key()
    {
        var results = Compose(GateReport());

        var missing = results.Where(r => r.Rule == "SL1001").ToList();
        Assert.Equal(2, missing.Count);
        Assert.All(results, r => Assert.False(string.IsNullOrEmpty(r.Identity)));
        var card = Assert.Single(missing, r => r.Identity.StartsWith("SL1001|support-assistant|modelCard|shiftleft.json|", StringComparison.Ordinal));
        var sheet = Assert.Single(missing, r => r.Identity.StartsWith("SL1001|support-assistant|dataSheet|shiftleft.json|", StringComparison.Ordinal));
        Assert.NotEqual(card.Identity, sheet.Identity);
        // The example of docs/evidence-gate.md, "Identity of gate findings".
        Assert.Equal("SL1001|support-assistant|modelCard|shiftleft.json|34deee18a0f0be10", card.Identity);
        Assert.DoesNotContain('#', card.Identity + sheet.Identity);
    }

    [Fact]
    public void A_reworded_message_keeps_every_key()
    {
        var report = GateReport();
        var before = Compose(report);

        // The gate's wording changes in the findings and in the requirements that file them, as a new gate version writes it.
        var reworded = report.Replace("does not exist. Create it", "is nowhere to be found; create it", StringComparison.Ordinal)
            .Replace("requires evidence", "needs the evidence", StringComparison.Ordinal);
        Assert.NotEqual(report, reworded);
        var after = Compose(reworded);

        Assert.NotEqual(Messages(before), Messages(after));
        Assert.Equal(Keys(before), Keys(after));
    }

    [Fact]
    public void A_re_run_evaluation_whose_score_still_fails_keeps_its_key()
    {
        _repository.WriteStamped("eval/support/results.json", TestRepository.AiEvalReport(_repository.Date(1), 3.0, 3.2));
        var before = Assert.Single(Compose(GateReport()), r => r.Rule == "SL1003");
        _repository.WriteStamped("eval/support/results.json", TestRepository.AiEvalReport(_repository.Date(1), 3.25, 3.5));

        var after = Assert.Single(Compose(GateReport()), r => r.Rule == "SL1003");

        // The finding points at the first score, and quotes the mean: both changed.
        Assert.Equal((before.Line, "eval/support/results.json"), (after.Line, before.Identity.Split('|')[3]));
        Assert.NotEqual(before.Message, after.Message);
        Assert.Equal(before.Identity, after.Identity);
        Assert.StartsWith("SL1003|support-assistant|evaluation|", after.Identity, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refreshed_review_date_that_is_still_too_old_keeps_its_key()
    {
        string Plan(int daysAgo) => $"---\nlast_reviewed: {_repository.Date(daysAgo)}\n---\n# Oversight\n## Roles\nSupport leads.\n## Oversight measures\nSampled review.\n## Intervention\nKill switch in the admin UI.\n";
        _repository.Write("docs/ai/support/oversight-plan.md", Plan(200));
        var before = Assert.Single(Compose(GateReport()), r => r.Rule == "SL1004");
        _repository.Write("docs/ai/support/oversight-plan.md", Plan(120));

        var after = Assert.Single(Compose(GateReport()), r => r.Rule == "SL1004");

        Assert.Equal((2, "docs/ai/support/oversight-plan.md"), (after.Line, after.Identity.Split('|')[3]));
        Assert.NotEqual(before.Message, after.Message);
        Assert.Equal(before.Identity, after.Identity);
    }

    [Fact]
    public void The_policy_entry_moved_to_another_line_keeps_its_key()
    {
        var before = Compose(GateReport());
        var policy = _repository.Read("shiftleft.json");
        var entry = policy.IndexOf(ModelCardEntry.TrimEnd('\n'), StringComparison.Ordinal);
        var moved = policy.Remove(entry, ModelCardEntry.Length + "      ".Length)
            .Replace("\"oversightPlan\": \"docs/ai/support/oversight-plan.md\"", "\"oversightPlan\": \"docs/ai/support/oversight-plan.md\",\n      \"modelCard\": \"docs/ai/support/model-card.md\"", StringComparison.Ordinal);
        Assert.NotEqual(policy, moved);
        _repository.Write("shiftleft.json", moved);

        var after = Compose(GateReport());

        var cardBefore = Assert.Single(before, r => r.Identity.Contains("|modelCard|", StringComparison.Ordinal));
        var cardAfter = Assert.Single(after, r => r.Identity.Contains("|modelCard|", StringComparison.Ordinal));
        Assert.NotEqual(cardBefore.Line, cardAfter.Line);
        // Code scanning's line hash reads on into the next lines, so it changes; the key reads the line alone.
        Assert.NotEqual(cardBefore.LineHash, cardAfter.LineHash);
        Assert.Equal(Keys(before), Keys(after));
    }

    [Fact]
    public void Two_undeclared_requirements_at_one_policy_line_are_told_apart_by_their_kind()
    {
        _repository.Write("shiftleft.json", TestRepository.GreenPolicy
            .Replace("      " + ModelCardEntry, "", StringComparison.Ordinal)
            .Replace("\"dataSheet\": \"docs/ai/support/data-sheet.md\",\n      ", "", StringComparison.Ordinal));

        var missing = Compose(GateReport()).Where(r => r.Rule == "SL1001").ToList();

        Assert.Equal(2, missing.Count);
        Assert.Equal(missing[0].Line, missing[1].Line);
        Assert.Equal(["dataSheet", "modelCard"], missing.Select(r => r.Identity.Split('|')[2]).Order());
    }

    [Fact]
    public void Findings_that_would_share_a_key_in_one_report_are_numbered_in_report_order()
    {
        var report = JsonNode.Parse(GateReport())!;
        var diagnostics = report["diagnostics"]!.AsArray();
        var card = diagnostics.Single(d => d!["message"]!.GetValue<string>().Contains("model-card.md", StringComparison.Ordinal))!;
        // Two more findings of the rule at the same line, filed under no requirement: the key alone cannot tell them apart.
        foreach (var text in new[] { "First.", "Second." })
        {
            var copy = card.DeepClone();
            copy["message"] = text;
            diagnostics.Add(copy);
        }

        var results = Compose(report.ToJsonString());

        var key = results.Single(r => r.Message == "First.").Identity;
        Assert.Equal(key + "#2", results.Single(r => r.Message == "Second.").Identity);
        Assert.Equal(results.Count, Keys(results).Distinct().Count());
    }

    private sealed record Finding(string Rule, string Identity, string Message, int Line, string? LineHash);

    private static List<string> Keys(List<Finding> results) => results.Select(r => r.Identity).Order(StringComparer.Ordinal).ToList();

    private static List<string> Messages(List<Finding> results) => results.Select(r => r.Message).Order(StringComparer.Ordinal).ToList();

    /// <summary>The evidence report the gate writes for the support project now.</summary>
    private string GateReport() => System.Text.Encoding.UTF8.GetString(EvidenceReportWriter.Serialize(_repository.Evaluate().Report!));

    private List<Finding> Compose(string report)
    {
        var path = _repository.FullPath("obj/shiftleft-evidence.json");
        _repository.Write("obj/shiftleft-evidence.json", report);
        var composer = new SarifComposer(new PublishSettings(), _repository.Root, "shiftleft/support", "0.1.0");
        composer.AddEvidenceReport(path, _repository.Root);
        Assert.Empty(composer.Problems);
        return composer.Compose()["runs"]![0]!["results"]!.AsArray().Select(r => new Finding(
            r!["ruleId"]!.GetValue<string>(),
            r["properties"]!["customProperties"]![GateFindingIdentity.PropertyName]!.GetValue<string>(),
            r["message"]!["text"]!.GetValue<string>(),
            r["locations"]?[0]?["physicalLocation"]?["region"]?["startLine"]?.GetValue<int>() ?? 0,
            r["partialFingerprints"]?["primaryLocationLineHash"]?.GetValue<string>())).ToList();
    }
}
