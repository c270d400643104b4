namespace ShiftLeft.Portal.Core.Services;

public sealed record RepositoryDetailDto(
    long Id,
    string Name,
    string DefaultBranch,
    IReadOnlyList<string> Branches,
    int OpenFindings,
    IReadOnlyList<SeverityCount> OpenBySeverity,
    int RunCount,
    DateTime CreatedAt,
    DateTime? LastRunAt,
    IReadOnlyList<AiSystemSummaryDto> AiSystems);
