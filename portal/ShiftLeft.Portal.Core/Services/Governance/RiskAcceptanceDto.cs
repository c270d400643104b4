using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>A risk acceptance as lists and the API show it; <see cref="Lapsed"/> when approved and past its expiry.</summary>
public sealed record RiskAcceptanceDto(
    long Id,
    RiskAcceptanceScope Scope,
    long RepositoryId,
    string? Repository,
    long? FindingId,
    string? RuleId,
    long? AiSystemId,
    string? SystemName,
    string? Requirement,
    string Reason,
    IReadOnlyList<string> Risks,
    DateOnly Expires,
    RiskAcceptanceStatus Status,
    bool Lapsed,
    string RequestedBy,
    string RequestedById,
    DateTime RequestedAt,
    string? DecidedBy,
    DateTime? DecidedAt,
    string? DecisionComment,
    bool Exportable);
