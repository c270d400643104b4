using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>Filters for the list of risk acceptances (newest first, at most 500).</summary>
public sealed record RiskAcceptanceQuery(RiskAcceptanceStatus? Status = null, long? AiSystemId = null, long? RepositoryId = null);
