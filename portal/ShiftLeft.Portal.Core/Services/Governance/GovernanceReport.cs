using System.Text.Json;

namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>
/// The governance parts of a stored evidence report (docs/evidence-gate.md "The evidence report", fields added for
/// issue 16): measurements, regression and fairness verdicts, risk links and register entries. Read from the stored
/// JSON, which passed the gate's schema at upload; a report from a gate without these fields reads as empty lists.
/// </summary>
public sealed record GovernanceReport(
    IReadOnlyList<ReportMeasurement> Measurements,
    IReadOnlyList<ReportRegression> Regressions,
    IReadOnlyList<ReportFairness> Fairness,
    IReadOnlyList<ReportRiskLink> RiskLinks,
    IReadOnlyList<RegisteredRisk> RegisteredRisks)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static GovernanceReport Empty { get; } = new([], [], [], [], []);

    public static GovernanceReport Parse(string json)
    {
        var parsed = JsonSerializer.Deserialize<GovernanceReport>(json, Options);
        return parsed is null ? Empty : new GovernanceReport(
            parsed.Measurements ?? [], parsed.Regressions ?? [], parsed.Fairness ?? [], parsed.RiskLinks ?? [], parsed.RegisteredRisks ?? []);
    }
}

/// <summary>A metric's sample statistics in one artifact.</summary>
public sealed record ReportMeasurement(string? Kind, string Name, string? Statistic, int N, double? Value, int? Successes);

/// <summary>One regression rule's verdict (status passed, notSignificant, regressed, insufficientSamples, noBaseline, absent).</summary>
public sealed record ReportRegression(string Name, string? Kind, string Status, bool Passed, double? BaselineValue, double? CurrentValue, double? AllowedDrop, double? Drop, IReadOnlyList<string>? Risks);

/// <summary>One fairness rule's verdict with its cohorts.</summary>
public sealed record ReportFairness(string Metric, string? Kind, string Attribute, double? MaxGap, double? Gap, string? WorstCohort, string? BestCohort, string Status, bool Passed, IReadOnlyList<ReportCohort>? Cohorts, IReadOnlyList<string>? Risks);

/// <summary>One cohort of a fairness verdict (status assessed or insufficientEvidence).</summary>
public sealed record ReportCohort(string Value, int N, double? MetricValue, string? Status);

/// <summary>The policy's link from a rule id or metric to risk ids.</summary>
public sealed record ReportRiskLink(string Target, string TargetType, IReadOnlyList<string> Risks);

/// <summary>A risk-register entry of the system.</summary>
public sealed record RegisteredRisk(string Id, string Title, string? Category, string? Likelihood, string? Impact, string? Mitigation, string? Owner, string Status);
