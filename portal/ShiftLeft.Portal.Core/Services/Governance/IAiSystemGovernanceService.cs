namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>The governance view of one AI system (viewer and up).</summary>
public interface IAiSystemGovernanceService
{
    Task<AiSystemGovernanceDto?> GetAsync(long aiSystemId, CancellationToken cancellationToken = default);
}
