namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// The seed KPIs. Percentages are 0-100, null when there is nothing to measure (e.g. no AI systems yet).
/// Definitions in docs/portal.md "KPIs".
/// </summary>
public sealed record PortalKpis(
    double? EvaluationCoveragePercent,
    double? ReleaseGatePassRatePercent,
    double? AuditEvidenceCompletenessPercent,
    double? ExceptionRatePercent,
    double? MeanTimeToRemediateDays,
    IReadOnlyList<SeverityMttr> MeanTimeToRemediateBySeverity);
