using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

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
