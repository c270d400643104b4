namespace ShiftLeft.Portal.Core.Services;

public sealed record RepositorySummaryDto(
    long Id,
    string Name,
    string DefaultBranch,
    int OpenFindings,
    int OpenErrors,
    int OpenWarnings,
    int AiSystemCount,
    DateTime? LastRunAt,
    bool? LastGatePassed);
