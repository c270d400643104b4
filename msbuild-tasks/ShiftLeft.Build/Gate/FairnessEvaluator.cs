using System.Globalization;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Evidence;
using ShiftLeft.Build.Policy;
using ShiftLeft.Build.Report;
using ShiftLeft.Build.Statistics;

namespace ShiftLeft.Build.Gate;

/// <summary>One fairness rule checked against one artifact: its report entry, the artifact and the findings (SL1009).</summary>
public sealed record FairnessCheck(FairnessReport Report, CheckedArtifact? Source, List<EvidenceDiagnostic> Diagnostics);

/// <summary>
/// Compares a metric across the cohorts of an attribute (SL1009): per artifact, the values of the metric are grouped
/// by the cohort each result belongs to (promptfoo variable or metadata, aieval tag, ShiftLeft <c>cohorts[]</c>) and
/// each cohort gets its own mean or proportion. Cohorts with fewer than minCohortSize samples are reported as
/// insufficient evidence and left out — never pooled into another cohort; with fewer than two cohorts left the rule
/// cannot be assessed, which fails. The gap is best minus worst (in the better direction); it must not exceed maxGap,
/// and the worst cohort must meet worstCohortMin (or worstCohortMax).
/// </summary>
public static class FairnessEvaluator
{
    /// <summary>More distinct values than this are identifiers, not cohorts.</summary>
    public const int MaxCohorts = 1000;

    /// <summary>The checks of one rule.</summary>
    public static IReadOnlyList<FairnessCheck> Evaluate(PolicyDocument policy, FairnessRule rule, IReadOnlyList<CheckedArtifact> artifacts)
    {
        var candidates = rule.Kind is null ? artifacts : artifacts.Where(a => a.Kind == rule.Kind).ToList();
        var sources = candidates.Where(a => a.Content is { } c && (c.Metrics.Any(m => Same(m.Name, rule.Metric)) || c.CohortMetrics.Any(m => Same(m.Observation.Name, rule.Metric)))).ToList();
        if (sources.Count > 0)
        {
            return sources.Select(source => Check(policy, rule, source)).ToList();
        }

        var report = NewReport(rule, null);
        report.Status = "insufficientEvidence";
        var diagnostics = new List<EvidenceDiagnostic>();
        if (!candidates.Any(a => a.Content is null && (rule.Kind is not null || a.Kind is TierDefaults.Kinds.Evaluation or TierDefaults.Kinds.RedTeam)))
        {
            var searched = candidates.Where(a => a.Content?.Format is not null).Select(a => a.Report.Path).ToList();
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Error(RuleIds.FairnessGap, policy.Locate(rule.Pointer + "/metric"), $"Metric '{EvidenceDiagnostic.Excerpt(rule.Key, 100)}' of the fairness rule is absent from the evidence (looked in: {(searched.Count > 0 ? string.Join(", ", searched) : "no evaluation file")}), so its cohorts cannot be compared. Add the metric to the evaluation run, or correct its name.")));
        }

        return [new FairnessCheck(report, rule.Kind is null ? null : candidates.FirstOrDefault(), diagnostics)];
    }

    private static FairnessCheck Check(PolicyDocument policy, FairnessRule rule, CheckedArtifact source)
    {
        var content = source.Content!;
        var path = source.Report.Path!;
        var report = NewReport(rule, source);
        var diagnostics = new List<EvidenceDiagnostic>();
        var what = $"Metric '{EvidenceDiagnostic.Excerpt(rule.Metric, 100)}' of the {source.Kind} '{path}'";
        var ruleLine = policy.Locate(rule.Pointer).Line;
        var cohorts = Group(content, rule);
        report.Unassigned = content.Unlabelled.TryGetValue(rule.Attribute, out var unlabelled) ? unlabelled : 0;
        if (cohorts is null)
        {
            report.Status = "insufficientEvidence";
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Error(RuleIds.FairnessGap, policy.Locate(rule.Pointer + "/attribute"), $"{what} splits into more than {MaxCohorts} values of '{EvidenceDiagnostic.Excerpt(rule.Attribute, 60)}': that attribute identifies test cases rather than cohorts. Name an attribute with a few values (language, region, age band).")));
            return new FairnessCheck(report, source, diagnostics);
        }

        foreach (var (value, cohort) in cohorts)
        {
            var summary = cohort.Samples.Summary;
            report.Cohorts.Add(new CohortReport
            {
                Value = value,
                N = summary.N,
                MetricValue = summary.N > 0 ? summary.Mean : null,
                Successes = summary.Successes,
                Status = summary.N >= rule.MinCohortSize ? "assessed" : "insufficientEvidence",
            });
        }

        var assessed = cohorts.Where(c => c.Value.Samples.Summary.N >= rule.MinCohortSize).ToList();
        var small = cohorts.Where(c => c.Value.Samples.Summary.N < rule.MinCohortSize).ToList();
        if (small.Count > 0)
        {
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Warning(RuleIds.FairnessGap, small[0].Value.First.Where.Resolve(), $"{what}: {small.Count} cohort(s) of '{EvidenceDiagnostic.Excerpt(rule.Attribute, 60)}' have fewer than minCohortSize ({rule.MinCohortSize}) samples — {string.Join(", ", small.Take(10).Select(c => $"'{EvidenceDiagnostic.Excerpt(c.Key, 40)}' ({c.Value.Samples.Summary.N})"))}{(small.Count > 10 ? ", …" : string.Empty)} — so nothing is known about them: reported as insufficient evidence, not pooled with other cohorts. Add test cases for them.")));
        }

        if (report.Unassigned > 0)
        {
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Warning(RuleIds.FairnessGap, SourceLocation.InFile(path), $"{what}: {report.Unassigned} result(s) carry no value for '{EvidenceDiagnostic.Excerpt(rule.Attribute, 60)}' and belong to no cohort. Give every test case its cohort (a test variable, metadata key or tag).")));
        }

        if (assessed.Count < 2)
        {
            report.Status = "insufficientEvidence";
            var found = cohorts.Count == 0 ? "no result carries it" : $"only {assessed.Count} of its {cohorts.Count} cohort(s) have at least minCohortSize ({rule.MinCohortSize}) samples";
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Error(RuleIds.FairnessGap, policy.Locate(rule.Pointer), $"{what} cannot be compared across '{EvidenceDiagnostic.Excerpt(rule.Attribute, 60)}': {found}, and a gap needs two cohorts with enough samples. Evaluate at least {rule.MinCohortSize} cases per cohort (as a promptfoo test variable or metadata key, an aieval tag '{EvidenceDiagnostic.Excerpt(rule.Attribute, 60)}:<value>', or ShiftLeft cohorts[]), or lower minCohortSize in {policy.DisplayPath} line {ruleLine} knowingly.")));
            return new FairnessCheck(report, source, diagnostics);
        }

        var higher = rule.Better == MetricDirection.HigherIsBetter;
        // Ties are broken by cohort value, so the same evidence always names the same cohort.
        var ordered = assessed.OrderBy(c => higher ? c.Value.Samples.Summary.Mean : -c.Value.Samples.Summary.Mean).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var (worst, best) = (ordered[0], ordered[^1]);
        var (worstValue, bestValue) = (worst.Value.Samples.Summary.Mean, best.Value.Samples.Summary.Mean);
        var gap = Math.Abs(bestValue - worstValue);
        if (!double.IsFinite(gap))
        {
            report.Status = "insufficientEvidence";
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Error(RuleIds.FairnessGap, policy.Locate(rule.Pointer), $"{what} has cohort values beyond the range a gap can be computed for. Check the evaluation's output for runaway values.")));
            return new FairnessCheck(report, source, diagnostics);
        }

        (report.Gap, report.WorstCohort, report.BestCohort) = (gap, worst.Key, best.Key);
        var worstText = $"'{EvidenceDiagnostic.Excerpt(worst.Key, 60)}' at {Describe(worst.Value.Samples.Summary)}";
        var bestText = $"'{EvidenceDiagnostic.Excerpt(best.Key, 60)}' at {Describe(best.Value.Samples.Summary)}";
        if (gap > rule.MaxGap + 1e-12)
        {
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Error(RuleIds.FairnessGap, worst.Value.First.Where.Resolve(), $"{what} differs across '{EvidenceDiagnostic.Excerpt(rule.Attribute, 60)}' by {Number(gap)}, more than maxGap {Number(rule.MaxGap)}: the worst cohort is {worstText}, the best {bestText}. Improve the system for '{EvidenceDiagnostic.Excerpt(worst.Key, 60)}' until the gap closes, or change maxGap in {policy.DisplayPath} line {ruleLine} through an approved policy change.")));
        }

        if ((rule.WorstCohortMin is { } min && worstValue < min) || (rule.WorstCohortMax is { } max && worstValue > max))
        {
            var bound = rule.WorstCohortMin is { } m ? $"worstCohortMin {Number(m)}" : $"worstCohortMax {Number(rule.WorstCohortMax!.Value)}";
            diagnostics.Add(Finding(rule, EvidenceDiagnostic.Error(RuleIds.FairnessGap, worst.Value.First.Where.Resolve(), $"{what} for its worst cohort of '{EvidenceDiagnostic.Excerpt(rule.Attribute, 60)}', {worstText}, fails {bound} (gap {Number(gap)} to {bestText}). Improve the system for '{EvidenceDiagnostic.Excerpt(worst.Key, 60)}', or change the bound in {policy.DisplayPath} line {ruleLine} through an approved policy change.")));
        }

        report.Passed = diagnostics.All(d => d.Level != DiagnosticLevel.Error);
        report.Status = report.Passed ? "passed" : "failed";
        return new FairnessCheck(report, source, diagnostics);
    }

    private sealed class Cohort(MetricObservation first)
    {
        public SampleAccumulator Accumulator { get; } = new();

        public MetricObservation First { get; } = first;

        public int Errored;

        public MetricSamples Samples => new(Accumulator.Summary, Errored, First);
    }

    // The cohorts of the rule's attribute in one artifact, sorted by value; null when there are too many to be cohorts.
    private static SortedDictionary<string, Cohort>? Group(ArtifactContent content, FairnessRule rule)
    {
        var cohorts = new SortedDictionary<string, Cohort>(StringComparer.Ordinal);
        IEnumerable<(string Value, MetricObservation Observation)> labelled = content.Metrics
            .Where(m => Same(m.Name, rule.Metric) && m.Labels is not null && m.Labels.ContainsKey(rule.Attribute))
            .Select(m => (m.Labels![rule.Attribute], m))
            .Concat(content.CohortMetrics.Where(c => c.Attribute == rule.Attribute && Same(c.Observation.Name, rule.Metric)).Select(c => (c.Value, c.Observation)));
        foreach (var (value, observation) in labelled)
        {
            if (!cohorts.TryGetValue(value, out var cohort))
            {
                if (cohorts.Count == MaxCohorts)
                {
                    return null;
                }

                cohorts[value] = cohort = new Cohort(observation);
            }

            MetricSamples.Add(cohort.Accumulator, observation, ref cohort.Errored);
        }

        return cohorts;
    }

    private static FairnessReport NewReport(FairnessRule rule, CheckedArtifact? source) => new()
    {
        Metric = rule.Metric,
        Kind = source?.Kind ?? rule.Kind,
        Source = source?.Report.Path,
        Attribute = rule.Attribute,
        Better = rule.Better == MetricDirection.HigherIsBetter ? "higher" : "lower",
        MaxGap = rule.MaxGap,
        MinCohortSize = rule.MinCohortSize,
        WorstCohortMin = rule.WorstCohortMin,
        WorstCohortMax = rule.WorstCohortMax,
    };

    private static EvidenceDiagnostic Finding(FairnessRule rule, EvidenceDiagnostic diagnostic) => diagnostic with { Metric = new MetricRef(rule.Kind, rule.Metric) };

    private static string Describe(SampleSummary summary) => summary.Successes is { } k
        ? $"{Number(summary.Mean)} ({k} of {summary.N})"
        : $"{Number(summary.Mean)} (mean of {summary.N})";

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
