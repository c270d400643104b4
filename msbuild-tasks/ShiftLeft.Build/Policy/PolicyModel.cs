namespace ShiftLeft.Build.Policy;

/// <summary>A validated shiftleft.json.</summary>
public sealed record PolicyDocument(
    string FullPath,
    string DisplayPath,
    IReadOnlyList<SystemPolicy> Systems,
    IReadOnlyDictionary<string, TierPolicy> Tiers,
    IReadOnlyList<PolicyException> Exceptions,
    IReadOnlyCollection<string> CustomKinds,
    Json.JsonLocator Locator)
{
    /// <summary>SHA-256 of the policy file's bytes, part of the evidence digest a sign-off binds to.</summary>
    public string Sha256 { get; init; } = string.Empty;

    /// <summary>Where the accepted baseline is and how regressions are judged.</summary>
    public BaselineSettings Baseline { get; init; } = BaselineSettings.Default;

    /// <summary>Keys whose signatures on exported portal records are accepted.</summary>
    public IReadOnlyList<Governance.TrustedKey> TrustedKeys { get; init; } = [];

    /// <summary>How exceptions must be approved.</summary>
    public RiskAcceptanceSettings RiskAcceptance { get; init; } = RiskAcceptanceSettings.Legacy;

    /// <summary>Where the value at a JSON pointer of shiftleft.json is written.</summary>
    public Diagnostics.SourceLocation Locate(string pointer) => Locator.Locate(pointer);

    /// <summary>The folder every relative path of the policy is resolved against.</summary>
    public string Directory => Path.GetDirectoryName(FullPath)!;
}

/// <summary>One AI system and what it must prove.</summary>
public sealed record SystemPolicy(
    string Name,
    string Owner,
    string RiskTier,
    IReadOnlyList<string> Projects,
    string? ModelId,
    IReadOnlyList<string> PromptFiles,
    IReadOnlyDictionary<string, string> ModelProviders,
    IReadOnlyDictionary<string, EvidenceEntry> Evidence,
    IReadOnlyList<ThresholdRule> Thresholds,
    string Pointer)
{
    /// <summary>How far metrics may drop below the accepted baseline (SL1008).</summary>
    public IReadOnlyList<RegressionRule> Regressions { get; init; } = [];

    /// <summary>Metrics compared across cohorts (SL1009).</summary>
    public IReadOnlyList<FairnessRule> Fairness { get; init; } = [];

    /// <summary>Rule ids and metrics linked to risk-register ids.</summary>
    public IReadOnlyList<RiskLink> RiskLinks { get; init; } = [];
}

/// <summary>Where one artifact kind of a system lives, and which aieval execution to read from it (null: the latest).</summary>
public sealed record EvidenceEntry(string Path, string? Execution);

/// <summary>
/// A metric name with its required comparison, scoped to the artifact of one kind (<c>"evaluation:groundedness"</c>)
/// or, when <see cref="Kind"/> is null, applying to every artifact that reports the metric, each on its own.
/// </summary>
public sealed record ThresholdRule(string Metric, string? Kind, ThresholdExpression Expression, string Pointer)
{
    /// <summary>The key as written in the policy.</summary>
    public string Key => Kind is null ? Metric : Kind + ":" + Metric;
}

/// <summary>Which way a metric improves.</summary>
public enum MetricDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>
/// How far a metric (scoped like a threshold) may drop below the accepted baseline: <see cref="MaxRegression"/> in the
/// metric's unit, or as a fraction of the baseline value when <see cref="Relative"/>; <see cref="MaxRegressionText"/> as
/// written in the policy (0.05, "5%").
/// </summary>
public sealed record RegressionRule(string Metric, string? Kind, double MaxRegression, bool Relative, string MaxRegressionText, int MinSamples, MetricDirection Better, string Pointer)
{
    /// <summary>The key as written in the policy.</summary>
    public string Key => Kind is null ? Metric : Kind + ":" + Metric;

    /// <summary>The allowed drop from <paramref name="baselineValue"/>.</summary>
    public double AllowedDrop(double baselineValue) => Relative ? MaxRegression * Math.Abs(baselineValue) : MaxRegression;
}

/// <summary>A metric compared across the cohorts of an attribute.</summary>
public sealed record FairnessRule(string Metric, string? Kind, string Attribute, double MaxGap, int MinCohortSize, double? WorstCohortMin, double? WorstCohortMax, MetricDirection Better, string Pointer)
{
    /// <summary>The metric key as written in the policy.</summary>
    public string Key => Kind is null ? Metric : Kind + ":" + Metric;
}

/// <summary>The "baseline" section: where the accepted baseline is, and the confidence a regression needs.</summary>
public sealed record BaselineSettings(string Path, double Confidence, bool Required)
{
    /// <summary>The file ShiftLeftAcceptBaseline writes beside shiftleft.json.</summary>
    public const string DefaultPath = "shiftleft-baseline.json";

    public static BaselineSettings Default { get; } = new(DefaultPath, 0.95, false);
}

/// <summary>
/// The "riskAcceptance" section. <see cref="FourEyes"/>: exceptions need a requester, a different approver and an
/// approval date. <see cref="MaxExceptionDays"/>: the longest an exception may run, null without the section
/// (exceptions as before). <see cref="AllowUnsigned"/>: plain exceptions of shiftleft.json count (their names cannot be
/// verified). <see cref="Records"/>: globs of approved-exception records exported from the portal.
/// </summary>
public sealed record RiskAcceptanceSettings(bool FourEyes, int? MaxExceptionDays, bool AllowUnsigned, IReadOnlyList<string> Records, string? Pointer)
{
    /// <summary>The longest exception when the section does not say.</summary>
    public const int DefaultMaxExceptionDays = 180;

    /// <summary>No "riskAcceptance" section: exceptions as before four eyes existed.</summary>
    public static RiskAcceptanceSettings Legacy { get; } = new(false, null, true, [], null);
}

/// <summary>A rule id (<c>SL1003</c>, <see cref="Kind"/> and <see cref="Metric"/> null) or a metric, scoped like a threshold, linked to risk-register ids.</summary>
public sealed record RiskLink(string Target, bool IsRule, string? Kind, string? Metric, IReadOnlyList<string> Risks, string Pointer)
{
    /// <summary>Whether the link covers a finding of rule <paramref name="code"/> about <paramref name="metric"/> (if any).</summary>
    public bool Covers(string code, Diagnostics.MetricRef? metric) =>
        IsRule ? Target == code : metric is { } m && Covers(m.Kind, m.Name);

    /// <summary>Whether the link covers metric <paramref name="name"/> of the artifact of <paramref name="kind"/>.</summary>
    public bool Covers(string? kind, string name) =>
        !IsRule && string.Equals(Metric, name, StringComparison.OrdinalIgnoreCase) && (Kind is null || Kind == kind);
}

/// <summary>What a risk tier requires.</summary>
public sealed record TierPolicy(string Name, IReadOnlyList<string> Requires, int? MaxEvidenceAgeDays);

/// <summary>
/// An approved, time-boxed waiver of one requirement: written in shiftleft.json (<see cref="Record"/> null) or an
/// approved-exception record exported from the portal, signed (<see cref="Record"/> its path).
/// </summary>
public sealed record PolicyException(string System, string Requirement, string Reason, string ApprovedBy, DateOnly Expires, string Pointer)
{
    /// <summary>Who asked for it; never the approver.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>The day it was approved; the maximum duration counts from it.</summary>
    public DateOnly? ApprovedAt { get; init; }

    /// <summary>Risk-register ids of the accepted risk.</summary>
    public IReadOnlyList<string> Risks { get; init; } = [];

    /// <summary>The exported record it came from (relative path); null for an exception written in shiftleft.json.</summary>
    public string? Record { get; init; }

    /// <summary>The trusted key that signed the record.</summary>
    public string? KeyId { get; init; }

    /// <summary>Where <see cref="Pointer"/> points: shiftleft.json, or the record.</summary>
    public Json.JsonLocator? Locator { get; init; }
}
