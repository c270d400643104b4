using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

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
