using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>AI systems with their current evidence (from the latest evidence report of each).</summary>
public interface IAiSystemService
{
    Task<PagedResult<AiSystemSummaryDto>> ListAsync(AiSystemListQuery query, CancellationToken cancellationToken = default);

    Task<AiSystemDetailDto?> GetAsync(long aiSystemId, CancellationToken cancellationToken = default);
}

public sealed record AiSystemListQuery(string? Search = null, long? RepositoryId = null, string? RiskTier = null, int Page = 1, int PageSize = 25);

/// <summary><see cref="IsShippable"/>: the latest gate passed and every requirement is present or validly excepted.</summary>
public sealed record AiSystemSummaryDto(
    long Id,
    long RepositoryId,
    string RepositoryName,
    string Name,
    string? Owner,
    string? RiskTier,
    string? ModelId,
    bool? LastGatePassed,
    DateTime? LastReportAt,
    int RequirementCount,
    int RequirementsSatisfied,
    int ActiveExceptions,
    bool IsShippable);

public sealed record AiSystemDetailDto(
    AiSystemSummaryDto Summary,
    string? Project,
    string? PromptHash,
    string? LastCommit,
    IReadOnlyList<RequirementEvidenceDto> Requirements,
    IReadOnlyList<MetricResultDto> Metrics,
    IReadOnlyList<EvidenceReportSummaryDto> Reports);

/// <summary><see cref="ExceptionExpired"/> is true when an exception exists and its expiry is past.</summary>
public sealed record RequirementEvidenceDto(
    string Kind,
    EvidenceStatus Status,
    string? Path,
    string? Sha256,
    DateTime? LastModified,
    double? AgeDays,
    string? CertifiedModelId,
    string? CertifiedPromptHash,
    string? ExceptionReason,
    string? ExceptionApprovedBy,
    DateTime? ExceptionExpires,
    bool ExceptionExpired,
    IReadOnlyList<string> Messages);

public sealed record MetricResultDto(string Name, double? Value, double? Threshold, bool Passed, string? Source);

public sealed record EvidenceReportSummaryDto(long Id, long RunId, string Commit, DateTime ReceivedAt, DateTime? GeneratedAt, bool GatePassed, string? GateSeverity);
