using ShiftLeft.Build.Statistics;

namespace ShiftLeft.Build.Report;

/// <summary>A metric's sample statistics in one artifact: what a baseline keeps and a regression compares.</summary>
public sealed class MeasurementReport
{
    public string? Kind { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? Source { get; set; }

    /// <summary>proportion (every value 0 or 1) or mean.</summary>
    public string Statistic { get; set; } = "mean";

    public int N { get; set; }

    public double? Value { get; set; }

    public int? Successes { get; set; }

    public double? StandardDeviation { get; set; }

    /// <summary>Values that errored without one, not counted in n.</summary>
    public int Errored { get; set; }

    public static MeasurementReport Of(string? kind, string name, string? source, SampleSummary summary, int errored) => new()
    {
        Kind = kind,
        Name = name,
        Source = source,
        Statistic = summary.IsProportion ? "proportion" : "mean",
        N = summary.N,
        Value = summary.N > 0 ? summary.Mean : null,
        Successes = summary.Successes,
        StandardDeviation = summary.IsProportion ? null : summary.StandardDeviation,
        Errored = errored,
    };
}

/// <summary>The accepted baseline the regression rules compared against.</summary>
public sealed class BaselineReport
{
    /// <summary>used, none (no baseline for the system) or invalid.</summary>
    public string Status { get; set; } = "none";

    /// <summary>file or portal.</summary>
    public string? Source { get; set; }

    /// <summary>The file (relative) or URL it came from.</summary>
    public string? Location { get; set; }

    public string? AcceptedBy { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The commit of the accepted report.</summary>
    public string? Commit { get; set; }

    public DateTimeOffset? GeneratedAt { get; set; }

    public string? EvidenceSha256 { get; set; }
}

/// <summary>One regression rule checked against one artifact.</summary>
public sealed class RegressionReport
{
    public string Name { get; set; } = string.Empty;

    public string? Kind { get; set; }

    public string? Source { get; set; }

    /// <summary>higher or lower.</summary>
    public string Better { get; set; } = "higher";

    /// <summary>As written in the policy (0.05, "5%").</summary>
    public string MaxRegression { get; set; } = string.Empty;

    public int MinSamples { get; set; }

    public double? AllowedDrop { get; set; }

    public double? BaselineValue { get; set; }

    public int? BaselineN { get; set; }

    public double? CurrentValue { get; set; }

    public int? CurrentN { get; set; }

    /// <summary>Point estimate of the drop (positive = worse).</summary>
    public double? Drop { get; set; }

    /// <summary>One-sided lower confidence bound of the drop.</summary>
    public double? DropLowerBound { get; set; }

    public double Confidence { get; set; }

    /// <summary>newcombe-wilson or welch-t.</summary>
    public string? Method { get; set; }

    /// <summary>passed, notSignificant, regressed, insufficientSamples, noBaseline, absent.</summary>
    public string Status { get; set; } = "passed";

    public bool Passed { get; set; }

    public IReadOnlyList<string> Risks { get; set; } = [];
}

/// <summary>One fairness rule checked against one artifact.</summary>
public sealed class FairnessReport
{
    public string Metric { get; set; } = string.Empty;

    public string? Kind { get; set; }

    public string? Source { get; set; }

    public string Attribute { get; set; } = string.Empty;

    public string Better { get; set; } = "higher";

    public double MaxGap { get; set; }

    public int MinCohortSize { get; set; }

    public double? WorstCohortMin { get; set; }

    public double? WorstCohortMax { get; set; }

    /// <summary>Best minus worst value among the cohorts large enough to judge.</summary>
    public double? Gap { get; set; }

    public string? WorstCohort { get; set; }

    public string? BestCohort { get; set; }

    /// <summary>passed, failed or insufficientEvidence (fewer than two cohorts large enough).</summary>
    public string Status { get; set; } = "passed";

    public bool Passed { get; set; }

    public List<CohortReport> Cohorts { get; } = [];

    /// <summary>Results that carry no value for the attribute (in no cohort).</summary>
    public int Unassigned { get; set; }

    public IReadOnlyList<string> Risks { get; set; } = [];
}

/// <summary>One cohort of a fairness rule.</summary>
public sealed class CohortReport
{
    public string Value { get; set; } = string.Empty;

    public int N { get; set; }

    public double? MetricValue { get; set; }

    public int? Successes { get; set; }

    /// <summary>assessed, or insufficientEvidence (below minCohortSize: reported, never pooled).</summary>
    public string Status { get; set; } = "assessed";
}

/// <summary>The release sign-off of the evidence.</summary>
public sealed class SignOffReport
{
    /// <summary>Whether the tier requires it.</summary>
    public bool Required { get; set; }

    /// <summary>signed, missing, invalid (unreadable, tampered, unknown key, other system), stale (other evidence) or excepted.</summary>
    public string Status { get; set; } = "missing";

    public string? Path { get; set; }

    /// <summary>The evidence digest the record signs.</summary>
    public string? EvidenceSha256 { get; set; }

    public string? Signer { get; set; }

    public DateTimeOffset? SignedAt { get; set; }

    public string? Comment { get; set; }

    public string? KeyId { get; set; }

    /// <summary>The commit whose report the reviewer signed.</summary>
    public string? Commit { get; set; }
}

/// <summary>A rule id or metric linked to risk-register ids.</summary>
public sealed record RiskLinkReport(string Target, string TargetType, IReadOnlyList<string> Risks);
