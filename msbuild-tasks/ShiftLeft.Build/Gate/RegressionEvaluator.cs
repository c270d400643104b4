using System.Globalization;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Governance;
using ShiftLeft.Build.Policy;
using ShiftLeft.Build.Report;
using ShiftLeft.Build.Statistics;

namespace ShiftLeft.Build.Gate;

/// <summary>One regression rule checked against one artifact: its report entry, the artifact and the findings (SL1008).</summary>
public sealed record RegressionCheck(RegressionReport Report, CheckedArtifact? Source, List<EvidenceDiagnostic> Diagnostics);

/// <summary>
/// Compares metrics with the accepted baseline (SL1008). Like a threshold, a rule is checked in each artifact that
/// reports its metric (or in the artifact of its kind when scoped), against the baseline's measurement of the same
/// kind. A drop fails only when its one-sided lower confidence bound exceeds the allowed drop (see
/// <see cref="DropTest"/>); fewer samples than minSamples on either side fails too, because a regression nobody can
/// rule out is not a pass. Without a baseline the rule warns (errors with baseline.required) until one is accepted.
/// </summary>
public static class RegressionEvaluator
{
    /// <summary>The checks of one rule.</summary>
    public static IReadOnlyList<RegressionCheck> Evaluate(RequirementContext context, RegressionRule rule, IReadOnlyList<CheckedArtifact> artifacts, BaselineLookup baseline)
    {
        var policy = context.Policy;
        var candidates = rule.Kind is null ? artifacts : artifacts.Where(a => a.Kind == rule.Kind).ToList();
        var sources = candidates.Where(a => a.Content?.Metrics.Any(m => Same(m.Name, rule.Metric)) == true).ToList();
        if (sources.Count == 0)
        {
            var report = NewReport(rule, policy.Baseline.Confidence, null);
            report.Status = "absent";
            var diagnostics = new List<EvidenceDiagnostic>();
            // Missing or invalid evidence is reported as such (SL1001/SL1002) already.
            if (!candidates.Any(a => a.Content is null && (rule.Kind is not null || a.Kind is TierDefaults.Kinds.Evaluation or TierDefaults.Kinds.RedTeam)))
            {
                var searched = candidates.Where(a => a.Content?.Format is not null).Select(a => a.Report.Path).ToList();
                diagnostics.Add(Finding(rule, EvidenceDiagnostic.Error(RuleIds.MetricRegressed, policy.Locate(rule.Pointer), $"Metric '{EvidenceDiagnostic.Excerpt(rule.Key, 100)}' of the regression rule is absent from the evidence (looked in: {(searched.Count > 0 ? string.Join(", ", searched) : "no evaluation file")}), so it cannot be compared with the baseline. Add the metric to the evaluation run, or correct its name in \"regression\".")));
            }

            return [new RegressionCheck(report, rule.Kind is null ? null : candidates.FirstOrDefault(), diagnostics)];
        }

        return sources.Select(source => Check(context, rule, source, baseline)).ToList();
    }

    private static RegressionCheck Check(RequirementContext context, RegressionRule rule, CheckedArtifact source, BaselineLookup lookup)
    {
        var policy = context.Policy;
        var path = source.Report.Path!;
        var current = MetricSamples.Of(source.Content!.Metrics, rule.Metric);
        var report = NewReport(rule, policy.Baseline.Confidence, source);
        report.CurrentValue = current.Summary.N > 0 ? current.Summary.Mean : null;
        report.CurrentN = current.Summary.N;
        var diagnostics = new List<EvidenceDiagnostic>();
        var accept = $"`dotnet msbuild {context.ProjectRelative} -t:ShiftLeftAcceptBaseline`";
        var what = $"Metric '{EvidenceDiagnostic.Excerpt(rule.Metric, 100)}' of the {source.Kind} '{path}'";
        // Resolved only for a finding: locating a JSON value maps the whole file.
        SourceLocation Location() => current.First!.Where.Resolve();

        if (lookup.Status == BaselineLookupStatus.Invalid)
        {
            // The baseline itself is SL1002 already: the gate fails, and there is nothing to compare with.
            report.Status = "noBaseline";
            return new RegressionCheck(report, source, diagnostics);
        }

        var measured = lookup.Baseline?.Find(source.Kind, rule.Metric);
        if (measured is null)
        {
            report.Status = "noBaseline";
            report.Passed = !policy.Baseline.Required;
            var why = lookup.Baseline is null
                ? $"no accepted baseline exists for system '{context.System.Name}' ({policy.Baseline.Path} has no entry for it)"
                : $"the accepted baseline ({lookup.Baseline.Describe()}) has no value for it";
            var message = $"{what} cannot be checked for regressions: {why}. Once this evidence has been reviewed, accept it as the baseline: {accept}, and commit {policy.Baseline.Path}.";
            diagnostics.Add(Finding(rule, policy.Baseline.Required
                ? EvidenceDiagnostic.Error(RuleIds.MetricRegressed, policy.Locate(rule.Pointer), message)
                : EvidenceDiagnostic.Warning(RuleIds.MetricRegressed, policy.Locate(rule.Pointer), message)));
            return new RegressionCheck(report, source, diagnostics);
        }

        var baseline = measured.Summary;
        report.BaselineValue = baseline.N > 0 ? baseline.Mean : null;
        report.BaselineN = baseline.N;
        var baselineText = $"{Describe(baseline)} in the baseline ({lookup.Baseline!.Describe()})";
        var currentText = Describe(current.Summary) + (current.Errored > 0 ? $", {current.Errored} more errored without a value" : string.Empty);
        if (current.Summary.N < rule.MinSamples || baseline.N < rule.MinSamples)
        {
            report.Status = "insufficientSamples";
            var fewer = current.Summary.N < rule.MinSamples
                ? $"the evidence has {current.Summary.N} value(s) ({currentText})"
                : $"the baseline has {baseline.N} value(s) ({baselineText})";
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Error(RuleIds.MetricRegressed, Location(), $"{what} cannot be compared with its baseline: {fewer}, fewer than minSamples ({rule.MinSamples.ToString(CultureInfo.InvariantCulture)}) of the regression rule in {policy.DisplayPath} line {policy.Locate(rule.Pointer).Line}, and with fewer values a regression cannot be ruled out. Evaluate on at least {rule.MinSamples} cases{(baseline.N < rule.MinSamples ? " and accept that run as the baseline: " + accept : string.Empty)}.")));
            return new RegressionCheck(report, source, diagnostics);
        }

        var bound = DropTest.Of(baseline, current.Summary, rule.Better == MetricDirection.HigherIsBetter, policy.Baseline.Confidence);
        if (bound is null)
        {
            report.Status = "insufficientSamples";
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Error(RuleIds.MetricRegressed, Location(), $"{what} cannot be compared with its baseline: its values ({currentText}; {baselineText}) are beyond the range the statistics can handle. Check the evaluation's output for runaway values.")));
            return new RegressionCheck(report, source, diagnostics);
        }

        var allowed = rule.AllowedDrop(baseline.Mean);
        (report.AllowedDrop, report.Drop, report.DropLowerBound, report.Method) = (allowed, bound.Drop, bound.LowerBound, bound.Method);
        if (bound.LowerBound > allowed)
        {
            report.Status = "regressed";
            var direction = rule.Better == MetricDirection.HigherIsBetter ? "dropped" : "rose";
            var method = bound.Method == "newcombe-wilson" ? "Newcombe–Wilson interval" : "Welch t-interval";
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Error(RuleIds.MetricRegressed, Location(), $"{what} regressed: it {direction} to {currentText} from {baselineText}, a change of {Number(bound.Drop)} where {Number(allowed)} is allowed (maxRegression {rule.MaxRegressionText}); with {Percent(policy.Baseline.Confidence)} confidence the change is at least {Number(bound.LowerBound)} ({method}), more than noise. Find and fix the cause; if the new level is intended, review it and accept it as the baseline: {accept}.")));
            return new RegressionCheck(report, source, diagnostics);
        }

        report.Status = bound.Drop > allowed ? "notSignificant" : "passed";
        report.Passed = true;
        return new RegressionCheck(report, source, diagnostics);
    }

    private static RegressionReport NewReport(RegressionRule rule, double confidence, CheckedArtifact? source) => new()
    {
        Name = rule.Metric,
        Kind = source?.Kind ?? rule.Kind,
        Source = source?.Report.Path,
        Better = rule.Better == MetricDirection.HigherIsBetter ? "higher" : "lower",
        MaxRegression = rule.MaxRegressionText,
        MinSamples = rule.MinSamples,
        Confidence = confidence,
    };

    private static EvidenceDiagnostic Finding(RegressionRule rule, EvidenceDiagnostic diagnostic) => diagnostic with { Metric = new MetricRef(rule.Kind, rule.Metric) };

    private static string Describe(SampleSummary summary) => summary.Successes is { } k
        ? $"{Number(summary.Mean)} ({k} of {summary.N})"
        : $"{Number(summary.Mean)} (mean of {summary.N}{(summary.StandardDeviation is { } sd ? ", sd " + Number(sd) : string.Empty)})";

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Percent(double value) => value.ToString("0.#%", CultureInfo.InvariantCulture);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
