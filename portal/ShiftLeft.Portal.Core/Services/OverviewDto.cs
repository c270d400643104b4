using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary><see cref="AnyIngestionToken"/>: a token exists (revoked or not), the first step of the empty overview's checklist.</summary>
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
    DateTime? LastRunAt,
    bool AnyIngestionToken);
