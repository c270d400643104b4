using System.Globalization;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Evidence;
using ShiftLeft.Build.Policy;
using ShiftLeft.Build.Report;

namespace ShiftLeft.Build.Gate;

/// <summary>One threshold checked against one artifact: its report entry, the artifact, and the findings (SL1003).</summary>
public sealed record MetricCheck(MetricReport Report, CheckedArtifact? Source, List<EvidenceDiagnostic> Diagnostics);

/// <summary>
/// Checks thresholds (SL1003). A threshold is checked in each artifact on its own — in the artifact of its kind when
/// scoped (<c>"redTeam:pass_rate"</c>), else in every artifact reporting the metric — never over a pool of artifacts:
/// an evaluation at 1.0 must not lift a red team at 0.25 over a 0.6 bar. Within one artifact the values of the metric
/// (scenarios, iterations, test cases) are compared by their mean.
/// </summary>
public static class MetricEvaluator
{
    /// <summary>One check per artifact the threshold applies to; one failing check when it applies to none.</summary>
    public static IReadOnlyList<MetricCheck> Evaluate(PolicyDocument policy, ThresholdRule rule, IReadOnlyList<CheckedArtifact> artifacts)
    {
        var thresholdLocation = policy.Locate(rule.Pointer);
        var candidates = rule.Kind is null ? artifacts : artifacts.Where(a => a.Kind == rule.Kind).ToList();
        var sources = candidates.Where(a => a.Content?.Metrics.Any(m => Same(m.Name, rule.Metric)) == true).ToList();
        if (sources.Count > 0)
        {
            return sources.Select(source => Check(policy, rule, source, thresholdLocation)).ToList();
        }

        var report = new MetricReport { Name = rule.Metric, Kind = rule.Kind, Threshold = rule.Expression.Text };
        var diagnostics = new List<EvidenceDiagnostic>();

        // When the evidence itself is missing or invalid, SL1001/SL1002 already said so; do not pile on.
        var unreadable = candidates.Where(a => a.Content is null && (rule.Kind is not null || a.Kind is TierDefaults.Kinds.Evaluation or TierDefaults.Kinds.RedTeam)).ToList();
        report.Error = unreadable.Count > 0 ? "no readable evidence to measure it" : "metric not found in the evidence";
        if (unreadable.Count == 0)
        {
            var searched = candidates.Where(a => a.Content?.Format is not null).ToList();
            var available = searched.SelectMany(a => a.Content!.Metrics).Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Take(30).ToList();
            var where = searched.Count > 0 ? string.Join(", ", searched.Select(a => a.Report.Path)) : rule.Kind is null ? "no evaluation file" : $"no readable {rule.Kind}";
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.MetricFailing, thresholdLocation, $"Required metric '{EvidenceDiagnostic.Excerpt(rule.Key, 100)}' (threshold '{rule.Expression.Text}') is absent from the evidence. Looked in: {where}; metrics found: {(available.Count > 0 ? string.Join(", ", available.Select(a => EvidenceDiagnostic.Excerpt(a, 60))) : "none")}. {ScopeHint(rule, artifacts)}Add the metric to the evaluation run, or correct its name in the thresholds."));
        }

        return [new MetricCheck(report, rule.Kind is null ? null : candidates.FirstOrDefault(), diagnostics)];
    }

    private static MetricCheck Check(PolicyDocument policy, ThresholdRule rule, CheckedArtifact source, Diagnostics.SourceLocation thresholdLocation)
    {
        var path = source.Report.Path!;
        var report = new MetricReport { Name = rule.Metric, Kind = source.Kind, Threshold = rule.Expression.Text, Source = path };
        var diagnostics = new List<EvidenceDiagnostic>();
        int observed = 0, measured = 0, imputed = 0;
        double sum = 0;
        MetricObservation? firstFailed = null, firstImputed = null, first = null;
        var failedCount = 0;
        foreach (var observation in source.Content!.Metrics)
        {
            if (!Same(observation.Name, rule.Metric))
            {
                continue;
            }

            observed++;
            first ??= observation;
            if (observation.Value is { } value)
            {
                // A value its evaluator judged failed is still shown in the mean; the judgement fails the check below.
                sum += value;
                measured++;
                if (observation.Imputed)
                {
                    imputed++;
                    firstImputed ??= observation;
                }
            }

            if (observation.Error is not null)
            {
                failedCount++;
                firstFailed ??= observation;
            }
        }

        report.Samples = measured;
        report.Value = measured > 0 ? sum / measured : null;
        var tool = source.Report.Format is { } format ? $" ({format})" : string.Empty;
        if (firstFailed is not null)
        {
            report.Error = firstFailed.Error;
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.MetricFailing, firstFailed.Where.Resolve(), $"Metric '{rule.Metric}' did not pass in {failedCount} of {observed} result(s) of '{path}'{tool} (first: {firstFailed.Scope}: {firstFailed.Error}). A measurement that errored, is missing, or that the evaluator itself judges failed counts as a failure: fix the evaluation run and regenerate the results."));
            return new MetricCheck(report, source, diagnostics);
        }

        if (firstImputed is not null && rule.Expression.Operator is not (">=" or ">"))
        {
            // An errored result scores 0 in promptfoo, which would help an upper bound such as "<= 0.01".
            report.Error = "errored results cannot meet an upper-bound threshold";
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.MetricFailing, firstImputed.Where.Resolve(), $"Metric '{rule.Metric}' has {imputed} errored result(s) in '{path}'{tool} (first: {firstImputed.Scope}), which the tool scores 0; a measurement that did not happen cannot meet the threshold '{rule.Expression.Text}'. Fix the errors and re-run the evaluation."));
            return new MetricCheck(report, source, diagnostics);
        }

        report.Passed = report.Value is { } mean && rule.Expression.IsMetBy(mean);
        if (!report.Passed)
        {
            var shown = report.Value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "not measured";
            var basis = measured == 1 ? "its only value" : $"the mean of {measured} values";
            var errored = imputed > 0 ? $", {imputed} of them errored results scored 0" : string.Empty;
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.MetricFailing, first!.Where.Resolve(), $"Metric '{rule.Metric}' is {shown} ({basis} in {path}{tool}{errored}), which fails the threshold '{rule.Expression.Text}' set in {policy.DisplayPath} line {thresholdLocation.Line}. Improve the system until the evaluation meets it, or change the threshold through an approved policy change."));
        }

        return new MetricCheck(report, source, diagnostics);
    }

    // "red_team:pass_rate" is one metric name, because "red_team" is no kind; when the part after the colon is a
    // metric some artifact reports, the author most likely meant to scope it.
    private static string ScopeHint(ThresholdRule rule, IReadOnlyList<CheckedArtifact> artifacts)
    {
        var colon = rule.Kind is null ? rule.Metric.IndexOf(':') : -1;
        if (colon <= 0)
        {
            return string.Empty;
        }

        var (prefix, metric) = (rule.Metric.Substring(0, colon), rule.Metric.Substring(colon + 1));
        var reporting = artifacts.Where(a => a.Content?.Metrics.Any(m => Same(m.Name, metric)) == true).Select(a => a.Kind).Distinct(StringComparer.Ordinal).ToList();
        return reporting.Count == 0
            ? string.Empty
            : $"The key is read as one metric name because '{EvidenceDiagnostic.Excerpt(prefix, 60)}' is no artifact kind; to check '{EvidenceDiagnostic.Excerpt(metric, 60)}' in one artifact, write {string.Join(" or ", reporting.Select(k => $"'{k}:{EvidenceDiagnostic.Excerpt(metric, 60)}'"))}. ";
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
