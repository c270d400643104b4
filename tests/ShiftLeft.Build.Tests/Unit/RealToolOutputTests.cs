using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Report;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// The gate on output made by the real tools: promptfoo 0.121.20 runs recorded by Fixtures/promptfoo/record.sh and
/// aieval reports written exactly as the Reporting library's JSON writer serialises them (Fixtures/aieval/generator).
/// </summary>
public sealed class RealToolOutputTests
{
    [Fact]
    public void Promptfoo_run_with_three_of_four_failing_fails_on_failures_score_and_named_metrics()
    {
        using var repository = System("promptfoo/failing.json", thresholds: "\"failures\": \"<= 0\", \"score\": \">= 0.9\", \"relevance\": \">= 0.9\", \"groundedness\": \">= 0.9\"");

        var result = repository.Evaluate();

        Assert.False(result.Passed);
        Assert.All(result.Diagnostics, d => Assert.Equal(RuleIds.MetricFailing, d.Code));
        var failures = Metric(result.Report!, "failures");
        Assert.Equal(3, failures.Value);
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("Metric 'failures' is 3 (its only value in eval/support/results.json (promptfoo))", StringComparison.Ordinal));
        Assert.Equal(0.25, Metric(result.Report!, "score").Value);
        Assert.Equal(4, Metric(result.Report!, "score").Samples);
        // Named metrics keep the zeros of the failed cases: 1 of 4 answers was relevant and grounded.
        Assert.Equal(0.25, Metric(result.Report!, "relevance").Value);
        Assert.Equal(0.25, Metric(result.Report!, "groundedness").Value);
        Assert.Equal(4, result.Diagnostics.Count);
    }

    [Fact]
    public void Promptfoo_outcomes_follow_failureReason_not_the_error_text()
    {
        using var repository = System("promptfoo/mixed.json", thresholds: "\"successes\": \">= 0\", \"failures\": \">= 0\", \"errors\": \">= 0\", \"pass_rate\": \">= 0\"");

        var report = repository.Evaluate().Report!;

        // promptfoo's own stats for this run: 1 success, 2 failures (an 'error' text each), 1 error.
        Assert.Equal((1d, 2d, 1d, 0.25), (Metric(report, "successes").Value!.Value, Metric(report, "failures").Value!.Value, Metric(report, "errors").Value!.Value, Metric(report, "pass_rate").Value!.Value));
    }

    [Fact]
    public void Errored_promptfoo_results_score_zero_for_the_metrics_their_assertions_name()
    {
        using var repository = System("promptfoo/erroring.json", thresholds: "\"groundedness\": \">= 0.9\", \"errors\": \"<= 0\"");

        var result = repository.Evaluate();

        var groundedness = Metric(result.Report!, "groundedness");
        Assert.Equal((0.5, 4), (groundedness.Value!.Value, groundedness.Samples));
        var error = Assert.Single(result.Diagnostics, d => d.Message.StartsWith("Metric 'groundedness'", StringComparison.Ordinal));
        Assert.Contains("2 of them errored results scored 0", error.Message, StringComparison.Ordinal);
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("Metric 'errors' is 2", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', string.Concat(result.Diagnostics.Select(d => d.Message)));
    }

    [Fact]
    public void Errored_promptfoo_results_never_help_an_upper_bound_pass()
    {
        using var repository = System("promptfoo/erroring.json", thresholds: "\"groundedness\": \"<= 1\"");

        var error = Assert.Single(repository.Evaluate().Diagnostics);

        Assert.Equal(RuleIds.MetricFailing, error.Code);
        Assert.Contains("has 2 errored result(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("API error: 503 Service Unavailable\\nupstream connect error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_promptfoo_provider_is_no_model_id_until_the_policy_maps_it()
    {
        using var unmapped = System("promptfoo/passing.json", stamp: false);
        var unbound = Assert.Single(unmapped.Evaluate().Diagnostics);
        Assert.Equal((RuleIds.EvidenceStale, "eval/support/results.json", 1), (unbound.Code, unbound.Location.File, unbound.Location.Line));
        Assert.Contains("provider 'file://provider.js (label 'support-assistant-local')' names no model", unbound.Message, StringComparison.Ordinal);
        Assert.Null(unmapped.Evaluate().Report!.Requirements.Single(r => r.Kind == "evaluation").CertifiedModelId);

        using var mapped = System("promptfoo/passing.json", stamp: false, providers: "\"support-assistant-local\": \"gpt-4o-2024-08-06\"");
        var result = mapped.Evaluate();
        Assert.Equal(TestRepository.ModelId, result.Report!.Requirements.Single(r => r.Kind == "evaluation").CertifiedModelId);
        var promptsOnly = Assert.Single(result.Diagnostics);
        Assert.Contains("does not say which prompt set it was produced against", promptsOnly.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("which model", promptsOnly.Message, StringComparison.Ordinal);

        using var stamped = System("promptfoo/passing.json", providers: "\"support-assistant-local\": \"gpt-4o-2024-08-06\"");
        Assert.True(stamped.Evaluate().Passed, string.Join("\n", stamped.Evaluate().Diagnostics));
    }

    [Fact]
    public void Promptfoo_echo_provider_never_masquerades_as_a_model_id()
    {
        using var repository = System("promptfoo/echo.json", stamp: false, thresholds: "\"errors\": \"<= 0\"");

        var result = repository.Evaluate();

        var unbound = Assert.Single(result.Diagnostics);
        Assert.Contains("provider 'echo' names no model", unbound.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("certifies model 'echo'", unbound.Message, StringComparison.Ordinal);
        Assert.Null(result.Report!.Requirements.Single(r => r.Kind == "evaluation").CertifiedModelId);
    }

    [Fact]
    public void Two_execution_aieval_report_is_read_as_its_latest_execution()
    {
        using var repository = System("aieval/two-executions.json", thresholds: "\"F1\": \">= 0.5\"", now: new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

        var result = repository.Evaluate();

        var f1 = Metric(result.Report!, "F1");
        Assert.Equal(0.06, f1.Value!.Value, 6);
        Assert.Equal(3, f1.Samples);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(RuleIds.MetricFailing, error.Code);
        Assert.Contains("interprets it as failed (rating 'unacceptable')", error.Message, StringComparison.Ordinal);
        var evaluation = result.Report!.Requirements.Single(r => r.Kind == "evaluation");
        Assert.Equal(new("20261126T0900", "latest", ["20261120T0900"]), evaluation.Execution! with { Ignored = [.. evaluation.Execution!.Ignored] }, new ExecutionComparer());
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 40, TimeSpan.Zero), evaluation.EvidenceDate);
    }

    [Fact]
    public void Policy_can_name_the_aieval_execution_to_read()
    {
        using var repository = System("aieval/two-executions.json", thresholds: "\"F1\": \">= 0.5\", \"evaluation:Groundedness\": \">= 4\"", now: new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), execution: "20261120T0900");

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        Assert.Equal(0.96, Metric(result.Report!, "F1").Value!.Value, 6);
        Assert.Equal("policy", result.Report!.Requirements.Single(r => r.Kind == "evaluation").Execution!.SelectedBy);
    }

    [Fact]
    public void Aieval_metric_whose_judge_errored_fails_closed()
    {
        using var repository = System("aieval/errored-metric.json", thresholds: "\"Groundedness\": \">= 1\"", now: new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

        var error = Assert.Single(repository.Evaluate().Diagnostics);

        Assert.Equal(RuleIds.MetricFailing, error.Code);
        Assert.Contains("did not pass in 1 of 3 result(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("the request to the judge model timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aieval_interpretation_marked_failed_fails_a_threshold_the_mean_would_meet()
    {
        using var repository = System("aieval/interpreted-failed.json", thresholds: "\"Groundedness\": \">= 3\", \"Cites source\": \"== true\"", now: new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

        var result = repository.Evaluate();

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("Metric 'Groundedness' did not pass in 1 of 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("rating 'average': Groundedness is less than 4.", error.Message, StringComparison.Ordinal);
        Assert.True(Metric(result.Report!, "Cites source").Passed);
    }

    [Fact]
    public void Thresholds_are_checked_per_artifact_and_never_pooled()
    {
        using var repository = System("promptfoo/passing.json", redTeam: "promptfoo/failing.json", thresholds: "\"pass_rate\": \">= 0.6\"", providers: "\"support-assistant-local\": \"gpt-4o-2024-08-06\"");

        var result = repository.Evaluate();

        // Pooled, 1.0 and 0.25 would read 0.625 and pass; each artifact on its own, the red team fails.
        Assert.Equal([("evaluation", 1d, true), ("redTeam", 0.25, false)], result.Report!.Metrics.Select(m => (m.Kind!, m.Value!.Value, m.Passed)));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((RuleIds.MetricFailing, "eval/support/redteam.json"), (error.Code, error.Location.File));
        Assert.Equal(RequirementStatus.Failing, result.Report.Requirements.Single(r => r.Kind == "redTeam").Status);
        Assert.Equal(RequirementStatus.Present, result.Report.Requirements.Single(r => r.Kind == "evaluation").Status);
    }

    [Fact]
    public void A_scoped_threshold_checks_only_the_artifact_of_its_kind()
    {
        using var repository = System("promptfoo/passing.json", redTeam: "promptfoo/failing.json", thresholds: "\"evaluation:pass_rate\": \">= 0.9\"", providers: "\"support-assistant-local\": \"gpt-4o-2024-08-06\"");

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        var metric = Assert.Single(result.Report!.Metrics);
        Assert.Equal(("pass_rate", "evaluation", 1d), (metric.Name, metric.Kind!, metric.Value!.Value));
    }

    private static MetricReport Metric(EvidenceReport report, string name) => report.Metrics.Single(m => m.Name == name);

    private static TestRepository System(string evaluation, string? redTeam = null, string thresholds = "", string providers = "", bool stamp = true, DateTimeOffset? now = null, string? execution = null) =>
        RealToolSystem.Create(evaluation, redTeam, thresholds, providers, stamp, now, execution);

    private sealed class ExecutionComparer : IEqualityComparer<Evidence.ExecutionSelection>
    {
        public bool Equals(Evidence.ExecutionSelection? x, Evidence.ExecutionSelection? y) =>
            x is not null && y is not null && x.Name == y.Name && x.SelectedBy == y.SelectedBy && x.Ignored.SequenceEqual(y.Ignored);

        public int GetHashCode(Evidence.ExecutionSelection obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
