namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>
/// The governance KPIs over a window (docs/portal.md "KPIs"). <see cref="FairnessRegressionRate"/> is null when no
/// gated build had a fairness gap to compare with a baseline; <see cref="MeanHoursToApproval"/> when nothing was signed off.
/// </summary>
public sealed record GovernanceKpisDto(
    int WindowDays,
    int FairnessBuildsCompared,
    int FairnessBuildsRegressed,
    double? FairnessRegressionRate,
    int SignOffs,
    double? MeanHoursToApproval,
    double? MedianHoursToApproval,
    IReadOnlyList<ApprovalTrendPoint> TimeToApprovalTrend,
    IReadOnlyList<CohortTableDto> Cohorts);

/// <summary>Mean time to approval of the sign-offs of one week (starting Monday, UTC).</summary>
public sealed record ApprovalTrendPoint(DateOnly WeekStart, int SignOffs, double MeanHours);

/// <summary>A system's current cohorts for one fairness rule.</summary>
public sealed record CohortTableDto(long AiSystemId, string System, string Repository, string Metric, string? Kind, string Attribute, double? Gap, double? MaxGap, string Status, string? WorstCohort, IReadOnlyList<ReportCohort> Cohorts);
