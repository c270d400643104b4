using System.Globalization;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Policy;
using ShiftLeft.Build.Report;

namespace ShiftLeft.Build.Gate;

/// <summary>Checks one threshold against every value of its metric found in the system's evidence (SL1003).</summary>
public static class MetricEvaluator
{
    /// <summary>The metric's report entry and the artifacts its values came from.</summary>
    public static (MetricReport Report, List<CheckedArtifact> Sources) Evaluate(PolicyDocument policy, ThresholdRule rule, IReadOnlyList<CheckedArtifact> artifacts, List<EvidenceDiagnostic> diagnostics)
    {
        var report = new MetricReport { Name = rule.Metric, Threshold = rule.Expression.Text };
        var sources = artifacts.Where(a => a.Content?.Metrics.Any(m => Same(m.Name, rule.Metric)) == true).ToList();
        var thresholdLocation = policy.Locate(rule.Pointer);
        if (sources.Count == 0)
        {
            // When the evaluation itself is missing or invalid, SL1001/SL1002 already said so; do not pile on.
            var unreadable = artifacts.Where(a => a.Kind is TierDefaults.Kinds.Evaluation or TierDefaults.Kinds.RedTeam && a.Content is null).ToList();
            report.Error = unreadable.Count > 0 ? "no readable evaluation evidence" : "metric not found in the evidence";
            if (unreadable.Count == 0)
            {
                var available = artifacts.SelectMany(a => a.Content?.Metrics ?? []).Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var where = artifacts.Where(a => a.Content?.Format is not null).Select(a => a.Report.Path).ToList();
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.MetricFailing, thresholdLocation, $"Required metric '{rule.Metric}' (threshold '{rule.Expression.Text}') is absent from the evidence. Looked in: {(where.Count > 0 ? string.Join(", ", where) : "no evaluation file")}; metrics found: {(available.Count > 0 ? string.Join(", ", available) : "none")}. Add the metric to the evaluation run, or correct its name in the thresholds."));
            }

            return (report, sources);
        }

        var observations = sources.SelectMany(s => s.Content!.Metrics.Where(m => Same(m.Name, rule.Metric)).Select(m => (Source: s, Observation: m))).ToList();
        var values = observations.Where(o => o.Observation.Error is null && o.Observation.Value is not null).Select(o => o.Observation.Value!.Value).ToList();
        report.Source = string.Join(", ", sources.Select(s => s.Report.Path).Distinct(StringComparer.Ordinal));
        report.Samples = values.Count;
        report.Value = values.Count > 0 ? values.Average() : null;

        var errored = observations.Where(o => o.Observation.Error is not null).ToList();
        if (errored.Count > 0)
        {
            var first = errored[0];
            report.Error = first.Observation.Error;
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.MetricFailing, first.Observation.Location, $"Metric '{rule.Metric}' failed to be measured in {errored.Count} of {observations.Count} result(s) of '{first.Source.Report.Path}' (first: {first.Observation.Scope}: {first.Observation.Error}). A missing or errored value counts as a failure: fix the evaluation run and regenerate the results."));
            return (report, sources);
        }

        report.Passed = rule.Expression.IsMetBy(report.Value!.Value);
        if (!report.Passed)
        {
            var shown = report.Value.Value.ToString("0.####", CultureInfo.InvariantCulture);
            var basis = values.Count == 1 ? "its only value" : $"the mean of {values.Count} values";
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.MetricFailing, observations[0].Observation.Location, $"Metric '{rule.Metric}' is {shown} ({basis} in {report.Source}), which fails the threshold '{rule.Expression.Text}' set in {policy.DisplayPath} line {thresholdLocation.Line}. Improve the system until the evaluation meets it, or change the threshold through an approved policy change."));
        }

        return (report, sources);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
