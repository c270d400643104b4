using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

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
