using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>AI systems with their current evidence (from the latest evidence report of each).</summary>
public interface IAiSystemService
{
    Task<PagedResult<AiSystemSummaryDto>> ListAsync(AiSystemListQuery query, CancellationToken cancellationToken = default);

    Task<AiSystemDetailDto?> GetAsync(long aiSystemId, CancellationToken cancellationToken = default);
}
