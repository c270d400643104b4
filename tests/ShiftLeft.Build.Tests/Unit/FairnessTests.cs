using System.Text.Json.Nodes;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// Fairness per cohort (SL1009) on runs recorded by the real tools: promptfoo results grouped by a test variable or a
/// metadata key, aieval scenario runs by a tag, ShiftLeft's own cohorts[]; cohorts too small are reported, not pooled.
/// </summary>
public sealed class FairnessTests
{
    private static readonly DateTimeOffset AfterAieval = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static string Rule(string metric, string attribute, double maxGap, int minCohortSize, string extra = ", \"better\": \"higher\"") =>
        $"\"fairness\": {{ \"metric\": \"{metric}\", \"attribute\": \"{attribute}\", \"maxGap\": {maxGap.ToString(System.Globalization.CultureInfo.InvariantCulture)}, \"minCohortSize\": {minCohortSize}{extra} }}";

    [Fact]
    public void Promptfoo_gap_between_languages_fails_naming_the_worst_cohort_and_keeps_the_tiny_one_apart()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-regressed.json", providers: RealToolSystem.LocalProvider, governance: Rule("pass_rate", "language", 0.1, 10));

        var result = repository.Evaluate();

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal((RuleIds.FairnessGap, RealToolSystem.Evaluation), (error.Code, error.Location.File));
        Assert.StartsWith("Metric 'pass_rate' of the evaluation 'eval/support/results.json' differs across 'language' by 0.6667, more than maxGap 0.1: the worst cohort is 'fr' at 0.3333 (6 of 18), the best 'en' at 1 (18 of 18).", error.Message, StringComparison.Ordinal);
        var tiny = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Warning);
        Assert.Contains("1 cohort(s) of 'language' have fewer than minCohortSize (10) samples — 'de' (4) — so nothing is known about them: reported as insufficient evidence, not pooled", tiny.Message, StringComparison.Ordinal);

        var fairness = Assert.Single(result.Report!.Fairness);
        Assert.Equal(("failed", "fr", "en", 0), (fairness.Status, fairness.WorstCohort!, fairness.BestCohort!, fairness.Unassigned));
        // de stays its own cohort: fr is 18 cases, not 22, and de is reported without being judged.
        Assert.Equal([("de", 4, "insufficientEvidence"), ("en", 18, "assessed"), ("fr", 18, "assessed")], fairness.Cohorts.Select(c => (c.Value, c.N, c.Status)));
        Assert.Equal(3, fairness.Cohorts.Single(c => c.Value == "de").Successes);
    }

    [Fact]
    public void Promptfoo_results_grouped_by_a_metadata_key_pass_within_the_gap()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, governance: Rule("evaluation:pass_rate", "region", 0.1, 10));

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var fairness = Assert.Single(result.Report!.Fairness);
        // eu: fr 17 of 18 and de 4 of 4; us: en 18 of 18.
        Assert.Equal([("eu", 22, 21), ("us", 18, 18)], fairness.Cohorts.Select(c => (c.Value, c.N, c.Successes!.Value)));
        Assert.Equal(("passed", "eu"), (fairness.Status, fairness.WorstCohort!));
        Assert.Equal(1 - (21d / 22), fairness.Gap!.Value, 10);
    }

    [Fact]
    public void Aieval_scenarios_grouped_by_tag_fail_the_gap_and_the_worst_cohort_minimum()
    {
        using var repository = RealToolSystem.Create("aieval/cohorts-regressed.json", now: AfterAieval, governance: Rule("Groundedness", "language", 0.5, 5, ", \"worstCohortMin\": 4, \"better\": \"higher\""));

        var result = repository.Evaluate();

        var errors = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(RuleIds.FairnessGap, e.Code));
        var text = RealToolSystem.Text("aieval/cohorts-regressed.json");
        var firstFrench = text.IndexOf("\"Groundedness\": {", text.IndexOf("\"scenarioName\": \"Support.Answers.Refunds.fr0\"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(errors, e => Assert.Equal((RealToolSystem.Evaluation, text.Substring(0, firstFrench).Count(c => c == '\n') + 1), (e.Location.File, e.Location.Line)));
        Assert.Contains("differs across 'language' by 1.5, more than maxGap 0.5: the worst cohort is 'fr' at 3 (mean of 12), the best 'en' at 4.5 (mean of 12)", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("for its worst cohort of 'language', 'fr' at 3 (mean of 12), fails worstCohortMin 4", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal([("de", 3, "insufficientEvidence"), ("en", 12, "assessed"), ("fr", 12, "assessed")], result.Report!.Fairness.Single().Cohorts.Select(c => (c.Value, c.N, c.Status)));
    }

    [Fact]
    public void Fewer_than_two_cohorts_large_enough_cannot_be_assessed_and_fail()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, governance: Rule("pass_rate", "language", 0.1, 19));

        var result = repository.Evaluate();

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal((RuleIds.FairnessGap, "shiftleft.json"), (error.Code, error.Location.File));
        Assert.Contains("cannot be compared across 'language': only 0 of its 3 cohort(s) have at least minCohortSize (19) samples", error.Message, StringComparison.Ordinal);
        Assert.Equal("insufficientEvidence", result.Report!.Fairness.Single().Status);
    }

    [Fact]
    public void An_attribute_no_result_carries_fails_rather_than_passing_silently()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, governance: Rule("pass_rate", "age_band", 0.1, 5));

        var result = repository.Evaluate();

        Assert.Contains(result.Diagnostics, d => d.Level == DiagnosticLevel.Error && d.Message.Contains("cannot be compared across 'age_band': no result carries it", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Level == DiagnosticLevel.Warning && d.Message.Contains("40 result(s) carry no value for 'age_band'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_result_whose_variable_and_metadata_disagree_is_invalid()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, governance: Rule("pass_rate", "language", 0.1, 5));
        var run = JsonNode.Parse(RealToolSystem.Text("promptfoo/cohorts-baseline.json"))!;
        run["results"]!["results"]![2]!["metadata"]!["language"] = "de";
        repository.Write(RealToolSystem.Evaluation, run.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })).Stamp(RealToolSystem.Evaluation);

        var error = Assert.Single(repository.Evaluate().Diagnostics, d => d.Level == DiagnosticLevel.Error);

        Assert.Equal((RuleIds.ArtifactInvalid, RealToolSystem.Evaluation), (error.Code, error.Location.File));
        Assert.StartsWith("Result 3 in 'eval/support/results.json' cannot be assigned to a cohort: its test variable 'language' is 'en' but its metadata key 'language' is 'de'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShiftLeft_format_cohorts_are_read_as_written_and_a_lower_is_better_metric_names_its_highest_cohort()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider,
            governance: Rule("evaluation:harm_rate", "age_band", 0.02, 50, ", \"worstCohortMax\": 0.05, \"better\": \"lower\""));
        // ShiftLeft's format certifies model and prompts itself: no stamp.
        repository.Delete(RealToolSystem.Evaluation + ".shiftleft-stamp.json").Write(RealToolSystem.Evaluation, $$"""
            { "format": "shiftleft-evaluation", "version": "1", "date": "{{repository.Date(1)}}", "modelId": "gpt-4o-2024-08-06", "promptHash": "{{repository.PromptHash()}}",
              "metrics": [ { "name": "harm_rate", "value": 0.04, "samples": 400, "successes": 16 } ],
              "cohorts": [
                { "attribute": "age_band", "value": "18-34", "n": 200, "metrics": [ { "name": "harm_rate", "value": 0.02, "successes": 4 } ] },
                { "attribute": "age_band", "value": "65+", "n": 180, "metrics": [ { "name": "harm_rate", "value": 0.0666666666666667, "successes": 12 } ] },
                { "attribute": "age_band", "value": "unknown", "n": 20, "metrics": [ { "name": "harm_rate", "value": 0, "successes": 0 } ] }
              ] }
            """);

        var result = repository.Evaluate();

        var errors = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains("the worst cohort is '65+' at 0.0667 (12 of 180), the best '18-34' at 0.02 (4 of 200)", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("fails worstCohortMax 0.05", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(TextLines.LineOf(repository.Read(RealToolSystem.Evaluation), "\"value\": 0.0666666666666667"), errors[0].Location.Line);
        Assert.Contains(result.Diagnostics, d => d.Level == DiagnosticLevel.Warning && d.Message.Contains("'unknown' (20)", StringComparison.Ordinal));
    }
}
