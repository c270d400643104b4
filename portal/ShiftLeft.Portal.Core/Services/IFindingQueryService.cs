using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>The findings grid, finding detail with history, and filter choices.</summary>
public interface IFindingQueryService
{
    Task<PagedResult<FindingListItemDto>> SearchAsync(FindingFilter filter, FindingPageRequest page, CancellationToken cancellationToken = default);

    Task<FindingDetailDto?> GetAsync(long findingId, CancellationToken cancellationToken = default);

    /// <summary>Distinct rule ids with findings (optionally of one repository, optionally ShiftLeft's only), for the rule filter.</summary>
    Task<IReadOnlyList<string>> ListRuleIdsAsync(long? repositoryId = null, RuleScope scope = RuleScope.All, CancellationToken cancellationToken = default);

    /// <summary>The rule as uploads described it, or null when no upload reported it.</summary>
    Task<RuleInfoDto?> GetRuleAsync(string ruleId, CancellationToken cancellationToken = default);
}
