using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>The leads' overview: open findings breakdowns, trend and the Responsible-AI KPIs (default branches only).</summary>
public interface IOverviewService
{
    Task<OverviewDto> GetOverviewAsync(OverviewQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Optional narrowing of the overview. <see cref="TrendDays"/> is the trend window and the KPI window for runs.</summary>
public sealed record OverviewQuery(int TrendDays = 90, long? RepositoryId = null);

public sealed record OverviewDto(
    int OpenFindings,
    IReadOnlyList<SeverityCount> OpenBySeverity,
    IReadOnlyList<KeyCount> OpenByRule,
    IReadOnlyList<KeyCount> OpenByOwaspCategory,
    IReadOnlyList<TrendPoint> OpenTrend,
    PortalKpis Kpis,
    int RepositoryCount,
    int AiSystemCount,
    int RunCount,
    DateTime? LastRunAt);

public sealed record SeverityCount(FindingSeverity Severity, int Count);

/// <summary>Open findings at the end of <see cref="Day"/> (UTC), summed over repositories' default branches.</summary>
public sealed record TrendPoint(DateOnly Day, int OpenFindings);

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

public sealed record SeverityMttr(FindingSeverity Severity, double Days, int FixedCount);
