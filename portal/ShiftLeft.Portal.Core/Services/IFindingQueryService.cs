using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>The findings grid, finding detail with history, and filter choices.</summary>
public interface IFindingQueryService
{
    Task<PagedResult<FindingListItemDto>> SearchAsync(FindingFilter filter, FindingPageRequest page, CancellationToken cancellationToken = default);

    Task<FindingDetailDto?> GetAsync(long findingId, CancellationToken cancellationToken = default);

    /// <summary>Distinct rule ids with findings (optionally of one repository), for the rule filter.</summary>
    Task<IReadOnlyList<string>> ListRuleIdsAsync(long? repositoryId = null, CancellationToken cancellationToken = default);
}

/// <summary>Which findings the grid shows.</summary>
public enum FindingVisibility
{
    /// <summary>Not fixed, not suppressed in source, no active triage decision (the default).</summary>
    Open,
    /// <summary>Everything, including fixed, suppressed and triaged.</summary>
    All,
    /// <summary>Dismissed or risk-accepted.</summary>
    Triaged,
    /// <summary>Suppressed in source.</summary>
    Suppressed,
}

/// <summary>
/// Filters for the grid, exports and bulk triage. Empty collections / nulls mean "no filter". <see cref="Branch"/> null
/// means the repository's default branch (every default branch when <see cref="RepositoryId"/> is null).
/// <see cref="PathContains"/> is a case-insensitive substring of the repository-relative path.
/// </summary>
public sealed record FindingFilter
{
    public long? RepositoryId { get; init; }
    public string? Branch { get; init; }
    public IReadOnlyCollection<string>? RuleIds { get; init; }
    public IReadOnlyCollection<FindingSeverity>? Severities { get; init; }
    public IReadOnlyCollection<FindingState>? States { get; init; }
    public string? PathContains { get; init; }
    public string? OwaspCategory { get; init; }
    public FindingVisibility Visibility { get; init; } = FindingVisibility.Open;
}

public enum FindingSort
{
    Severity,
    Rule,
    Path,
    FirstSeen,
    LastSeen,
    State,
}

public sealed record FindingPageRequest(int Page = 1, int PageSize = 50, FindingSort Sort = FindingSort.Severity, bool Descending = true);

public sealed record FindingListItemDto(
    long Id,
    long RepositoryId,
    string RepositoryName,
    string Branch,
    string RuleId,
    FindingSeverity Severity,
    string Message,
    string Path,
    int StartLine,
    FindingState State,
    bool IsSuppressed,
    TriageStatus Triage,
    bool IsOpen,
    DateTime FirstSeenAt,
    DateTime LastSeenAt,
    string Fingerprint);

public sealed record FindingDetailDto(
    long Id,
    long RepositoryId,
    string RepositoryName,
    string Branch,
    string Fingerprint,
    string RuleId,
    string? RuleTitle,
    string? RuleHelpUri,
    string? OwaspCategory,
    FindingSeverity Severity,
    string Message,
    string Path,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn,
    string? Snippet,
    FindingState State,
    bool IsSuppressed,
    string? SuppressionKind,
    string? SuppressionJustification,
    TriageStatus Triage,
    DateTime? TriageExpiresAt,
    bool IsOpen,
    DateTime FirstSeenAt,
    DateTime LastSeenAt,
    DateTime? FixedAt,
    IReadOnlyList<FindingHistoryItemDto> History,
    IReadOnlyList<TriageDecisionDto> TriageHistory);

/// <summary>One run's view of the finding.</summary>
public sealed record FindingHistoryItemDto(long RunId, string Commit, string BuildId, DateTime ReceivedAt, FindingState State, int StartLine, bool IsSuppressed);

public sealed record TriageDecisionDto(
    long Id,
    TriageStatus Status,
    string? Comment,
    string? ApprovedBy,
    DateTime? ExpiresAt,
    string DecidedBy,
    DateTime DecidedAt,
    bool IsCurrent);
