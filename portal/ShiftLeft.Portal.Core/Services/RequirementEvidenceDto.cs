using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// <see cref="ExceptionExpired"/> is true when an exception exists and its expiry is past. <see cref="DateSource"/> says where the
/// age counts from (content, commit, fileTime, unknown); <see cref="StampedBy"/> is redacted like every free text of a report.
/// </summary>
public sealed record RequirementEvidenceDto(
    string Kind,
    EvidenceStatus Status,
    string? Path,
    string? Sha256,
    DateTime? LastModified,
    double? AgeDays,
    string? DateSource,
    string? DateNote,
    DateTime? DatedAt,
    string? CertifiedModelId,
    string? CertifiedPromptHash,
    string? StampedBy,
    DateTime? StampedAt,
    string? ExecutionName,
    string? ExceptionReason,
    string? ExceptionApprovedBy,
    DateTime? ExceptionExpires,
    bool ExceptionExpired,
    IReadOnlyList<string> Messages);
