using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

public sealed record TriageDecisionDto(
    long Id,
    TriageStatus Status,
    string? Comment,
    string? ApprovedBy,
    DateTime? ExpiresAt,
    string DecidedBy,
    DateTime DecidedAt,
    bool IsCurrent);
