using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

public sealed record AiSystemDetailDto(
    AiSystemSummaryDto Summary,
    string? Project,
    string? PromptHash,
    string? LastCommit,
    IReadOnlyList<RequirementEvidenceDto> Requirements,
    IReadOnlyList<MetricResultDto> Metrics,
    IReadOnlyList<EvidenceReportSummaryDto> Reports);
