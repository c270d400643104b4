namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>
/// Everything the governance tab of an AI system shows: each metric's trend on the default branch with regressions
/// marked, the current cohorts, the risk register with its links, and the sign-offs, baselines and risk acceptances.
/// </summary>
public sealed record AiSystemGovernanceDto(
    long AiSystemId,
    string System,
    string? Owner,
    string? DefaultBranch,
    string? CurrentEvidenceSha256,
    IReadOnlyList<MetricTrendDto> Trends,
    IReadOnlyList<ReportFairness> Fairness,
    IReadOnlyList<RiskViewDto> Risks,
    IReadOnlyList<SignOffDto> SignOffs,
    IReadOnlyList<BaselineDto> Baselines,
    IReadOnlyList<RiskAcceptanceDto> Acceptances);

/// <summary>One metric of one artifact kind over the default branch's reports, oldest first, with the current baseline's value.</summary>
public sealed record MetricTrendDto(string? Kind, string Name, double? BaselineValue, IReadOnlyList<MetricTrendPoint> Points)
{
    public bool Regressed => Points.Count > 0 && Points[^1].Regressed;
}

/// <summary>The metric in one report: value, samples, and the gate's regression verdict (status regressed → marked).</summary>
public sealed record MetricTrendPoint(long EvidenceReportId, string Commit, DateTime ReceivedAt, double? Value, int N, string? RegressionStatus, bool Regressed, bool IsBaseline);

/// <summary>A risk-register entry and what is linked to it: rules (with the repository's open findings of them), metrics, risk acceptances.</summary>
public sealed record RiskViewDto(RegisteredRisk Risk, IReadOnlyList<string> Rules, int OpenFindings, IReadOnlyList<string> Metrics, IReadOnlyList<long> RiskAcceptances);
