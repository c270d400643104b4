using System.Text.Json.Nodes;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Governance;
using ShiftLeft.Build.Report;
using ShiftLeft.Build.Statistics;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// Regression against an accepted baseline (SL1008), on runs recorded by the real tools: a baseline accepted from one
/// run, then a run a little worse (within the noise of its sample size: passes) and one much worse (fails, naming
/// metric, values, allowance and the artifact's file and line).
/// </summary>
public sealed class RegressionTests
{
    private const string PassRate = "\"regression\": { \"evaluation:pass_rate\": { \"maxRegression\": 0.02, \"minSamples\": 20, \"better\": \"higher\" } }";

    private const string Groundedness = "\"regression\": { \"Groundedness\": { \"maxRegression\": 0.1, \"minSamples\": 20, \"better\": \"higher\" } }";

    private static readonly DateTimeOffset AfterAieval = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Promptfoo_pass_rate_within_the_noise_of_forty_cases_passes()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, governance: PassRate).AcceptBaseline();
        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "promptfoo/cohorts-noise.json");

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        var regression = Assert.Single(result.Report!.Regressions);
        // 37 of 40 against 39 of 40: the point estimate drops 0.05, more than the 0.02 allowed, but not beyond the noise.
        Assert.Equal(("notSignificant", 40, 40, "newcombe-wilson"), (regression.Status, regression.BaselineN!.Value, regression.CurrentN!.Value, regression.Method!));
        Assert.Equal((0.975, 0.925, 0.05), (Math.Round(regression.BaselineValue!.Value, 12), Math.Round(regression.CurrentValue!.Value, 12), Math.Round(regression.Drop!.Value, 12)));
        Assert.True(regression.DropLowerBound < 0.02, $"lower bound {regression.DropLowerBound}");
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Promptfoo_pass_rate_that_really_dropped_fails_at_the_artifact_with_both_values_and_the_allowance()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, governance: PassRate).AcceptBaseline();
        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "promptfoo/cohorts-regressed.json");

        var result = repository.Evaluate();

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((RuleIds.MetricRegressed, RealToolSystem.Evaluation, TextLines.LineOf(RealToolSystem.Text("promptfoo/cohorts-regressed.json"), "\"stats\"")), (error.Code, error.Location.File, error.Location.Line));
        Assert.StartsWith("Metric 'pass_rate' of the evaluation 'eval/support/results.json' regressed: it dropped to 0.675 (27 of 40) from 0.975 (39 of 40) in the baseline (commit 0123abc, accepted by Lena Lead <lena@example.com> on 2026-12-10, shiftleft-baseline.json), a change of 0.3 where 0.02 is allowed (maxRegression 0.02); with 95% confidence the change is at least 0.16", error.Message, StringComparison.Ordinal);
        Assert.Contains("-t:ShiftLeftAcceptBaseline", error.Message, StringComparison.Ordinal);
        var regression = Assert.Single(result.Report!.Regressions);
        Assert.Equal(("regressed", false), (regression.Status, regression.Passed));
        Assert.Equal(RequirementStatus.Failing, result.Report.Requirements.Single(r => r.Kind == "evaluation").Status);
    }

    [Fact]
    public void Aieval_scores_are_compared_with_a_t_interval()
    {
        using var repository = RealToolSystem.Create("aieval/cohorts-baseline.json", now: AfterAieval, governance: Groundedness).AcceptBaseline();

        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "aieval/cohorts-noise.json");
        var noise = repository.Evaluate();
        Assert.True(noise.Passed, string.Join("\n", noise.Diagnostics));
        var within = Assert.Single(noise.Report!.Regressions);
        Assert.Equal(("notSignificant", "welch-t", 27, 27), (within.Status, within.Method!, within.BaselineN!.Value, within.CurrentN!.Value));
        Assert.Equal(121d / 27 - 117d / 27, within.Drop!.Value, 10);

        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "aieval/cohorts-regressed.json");
        var regressed = repository.Evaluate();
        var error = Assert.Single(regressed.Diagnostics);
        Assert.Equal((RuleIds.MetricRegressed, RealToolSystem.Evaluation, TextLines.LineOf(RealToolSystem.Text("aieval/cohorts-regressed.json"), "\"Groundedness\": {")), (error.Code, error.Location.File, error.Location.Line));
        Assert.Contains("regressed: it dropped to 3.7407 (mean of 27, sd ", error.Message, StringComparison.Ordinal);
        Assert.Contains("from 4.4815 (mean of 27, sd ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Welch t-interval", error.Message, StringComparison.Ordinal);
        var report = Assert.Single(regressed.Report!.Regressions);
        Assert.True(report.DropLowerBound > 0.1, $"lower bound {report.DropLowerBound}");
    }

    [Fact]
    public void A_relative_allowance_is_a_share_of_the_baseline_value()
    {
        var relative = Groundedness.Replace("0.1", "\"20%\"", StringComparison.Ordinal);
        using var repository = RealToolSystem.Create("aieval/cohorts-baseline.json", now: AfterAieval, governance: relative).AcceptBaseline();
        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "aieval/cohorts-regressed.json");

        var result = repository.Evaluate();

        // 20% of 4.48 allows a drop of 0.896; the drop of 0.74 is within it.
        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        var regression = Assert.Single(result.Report!.Regressions);
        Assert.Equal(0.2 * 121 / 27, regression.AllowedDrop!.Value, 10);
        Assert.Equal("20%", regression.MaxRegression);
    }

    [Fact]
    public void Fewer_samples_than_minSamples_fail_closed()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, governance: PassRate).AcceptBaseline();
        // A run of four cases can hide any regression: it is no evidence of none.
        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "promptfoo/passing.json");

        var error = Assert.Single(repository.Evaluate().Diagnostics);

        Assert.Equal(RuleIds.MetricRegressed, error.Code);
        Assert.Contains("cannot be compared with its baseline: the evidence has only 4 values (mean 1; 4 of them are 1), fewer than minSamples (20)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_baseline_the_rule_warns_until_one_is_accepted_or_fails_when_required()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, governance: PassRate);

        var result = repository.Evaluate();
        Assert.True(result.Passed);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((RuleIds.MetricRegressed, DiagnosticLevel.Warning, "shiftleft.json"), (warning.Code, warning.Level, warning.Location.File));
        Assert.Contains("no accepted baseline exists for system 'support-assistant' (shiftleft-baseline.json has no entry for it)", warning.Message, StringComparison.Ordinal);
        Assert.Equal("none", result.Report!.Baseline!.Status);
        Assert.Equal("noBaseline", result.Report.Regressions.Single().Status);
        Assert.Contains(repository.FullPath("shiftleft-baseline.json"), result.TrackedInputs);

        repository.Write("shiftleft.json", repository.Read("shiftleft.json").Replace("\"systems\": [{", "\"baseline\": { \"required\": true },\n  \"systems\": [{", StringComparison.Ordinal));
        var required = Assert.Single(repository.Evaluate().Diagnostics);
        Assert.Equal((RuleIds.MetricRegressed, DiagnosticLevel.Error), (required.Code, required.Level));
    }

    [Fact]
    public void A_baseline_edited_into_nonsense_is_invalid_evidence()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, governance: PassRate).AcceptBaseline();
        var baseline = JsonNode.Parse(repository.Read("shiftleft-baseline.json"))!;
        baseline["systems"]!["support-assistant"]!["report"]!["measurements"]![0]!["successes"] = 41;
        repository.Write("shiftleft-baseline.json", baseline.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        var result = repository.Evaluate();

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((RuleIds.ArtifactInvalid, "shiftleft-baseline.json"), (error.Code, error.Location.File));
        Assert.Contains("has a proportion without successes, or with more successes than n", error.Message, StringComparison.Ordinal);
        Assert.Equal("invalid", result.Report!.Baseline!.Status);
    }

    [Fact]
    public void Accepting_keeps_the_baseline_of_other_systems_and_refuses_evidence_that_describes_nothing()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, governance: PassRate).AcceptBaseline();
        var file = JsonNode.Parse(repository.Read("shiftleft-baseline.json"))!;
        file["systems"]!["billing-bot"] = file["systems"]!["support-assistant"]!.DeepClone();
        file["systems"]!["billing-bot"]!["acceptedBy"] = "Bill Owner <bill@example.com>";
        repository.Write("shiftleft-baseline.json", file.ToJsonString());
        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "promptfoo/cohorts-noise.json").AcceptBaseline();
        var systems = JsonNode.Parse(repository.Read("shiftleft-baseline.json"))!["systems"]!.AsObject();
        Assert.Equal(["billing-bot", "support-assistant"], systems.Select(s => s.Key));
        Assert.Equal("Bill Owner <bill@example.com>", (string?)systems["billing-bot"]!["acceptedBy"]);
        Assert.Equal(37, (int)systems["support-assistant"]!["report"]!["measurements"]![0]!["successes"]!);

        // Unstamped evidence (SL1004) certifies nothing; its numbers cannot become the baseline.
        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "promptfoo/cohorts-regressed.json", stamp: false);
        var diagnostics = new List<EvidenceDiagnostic>();
        var line = Gate.BaselineAcceptor.Accept(new Gate.AcceptRequest(repository.FullPath(TestRepository.ProjectPath), repository.FullPath("shiftleft.json"), null, repository.Now), diagnostics);
        Assert.Null(line);
        Assert.Contains(diagnostics, d => d.Code == RuleIds.EvidenceStale);
        Assert.Contains(diagnostics, d => d.Message.StartsWith("No baseline was accepted", StringComparison.Ordinal));
    }

    [Fact]
    public void The_committed_baseline_wins_over_another_source_which_is_asked_only_without_one()
    {
        using var repository = RealToolSystem.Create("promptfoo/cohorts-regressed.json", providers: RealToolSystem.LocalProvider, governance: PassRate);
        var portal = new FixedBaselineSource(new AcceptedBaseline("portal", "https://portal.example/systems/support-assistant/baseline", "Portal Admin", repository.Now.AddDays(-1), "abc1234abc1234", null, null, new string('0', 64),
            [new BaselineMeasurement("evaluation", "pass_rate", SampleSummary.Proportion(27, 40), default)]));

        var fromPortal = Evaluate(repository, portal);
        Assert.True(fromPortal.Passed, string.Join("\n", fromPortal.Diagnostics));
        Assert.Equal(("used", "portal"), (fromPortal.Report!.Baseline!.Status, fromPortal.Report.Baseline.Source!));

        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "promptfoo/cohorts-baseline.json").AcceptBaseline();
        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "promptfoo/cohorts-regressed.json");
        var fromFile = Evaluate(repository, portal);
        Assert.Equal(("used", "file"), (fromFile.Report!.Baseline!.Status, fromFile.Report.Baseline.Source!));
        Assert.Equal(RuleIds.MetricRegressed, Assert.Single(fromFile.Diagnostics).Code);
        Assert.Equal(0, portal.Asked - 1);
    }

    private static Gate.GateResult Evaluate(TestRepository repository, IBaselineSource source) => Gate.EvidenceGate.Evaluate(new Gate.GateRequest
    {
        ProjectPath = repository.FullPath(TestRepository.ProjectPath),
        PolicyPath = repository.FullPath("shiftleft.json"),
        Now = repository.Now,
        Commit = TestRepository.Commit,
        BaselineSources = [source],
    });

    /// <summary>A further baseline source with a fixed answer (GateRequest.BaselineSources, asked after the committed file).</summary>
    private sealed class FixedBaselineSource(AcceptedBaseline baseline) : IBaselineSource
    {
        public int Asked { get; private set; }

        public BaselineLookup Find(string system, ICollection<string> trackedInputs, ICollection<EvidenceDiagnostic> diagnostics)
        {
            Asked++;
            return new BaselineLookup(BaselineLookupStatus.Found, baseline);
        }
    }
}
