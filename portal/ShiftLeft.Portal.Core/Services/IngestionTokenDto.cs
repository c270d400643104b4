namespace ShiftLeft.Portal.Core.Services;

public sealed record IngestionTokenDto(
    long Id,
    string Name,
    string Prefix,
    bool AllRepositories,
    IReadOnlyList<string> Repositories,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    string? RevokedBy,
    DateTime? LastUsedAt,
    long UseCount,
    bool IsActive);
