using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// The findings grid's total. Counting every matching row grows with the data (a second and more at a million findings), so:
/// open findings of default branches filtered only by repository / rule / severity are summed from the per-repository
/// <see cref="RepositoryRuleStat"/> rows (exact: ingestion, triage and default-branch changes keep them current); any
/// other filter counts rows but stops at <see cref="Cap"/>, reported as a lower bound. Below the cap the count is exact.
/// </summary>
internal static class FindingCounts
{
    public const int Cap = 10_000;

    public static async Task<(int Total, bool IsLowerBound)> CountAsync(PortalDbContext db, FindingFilter filter, IQueryable<Finding> query, CancellationToken cancellationToken)
    {
        if (FromStatistics(filter))
        {
            var stats = db.RepositoryRuleStats.AsNoTracking();
            if (filter.RepositoryId is { } repositoryId) stats = stats.Where(s => s.RepositoryId == repositoryId);
            if (filter.RuleIds is { Count: > 0 } rules) stats = stats.Where(s => rules.Contains(s.RuleId));
            if (filter.RuleScope == RuleScope.ShiftLeft)
            {
                var shiftLeft = RuleDocumentation.ShiftLeftRuleIds;
                stats = stats.Where(s => shiftLeft.Contains(s.RuleId));
            }
            if (filter.Severities is { Count: > 0 } severities) stats = stats.Where(s => severities.Contains(s.Severity));
            return (await stats.SumAsync(s => s.OpenCount, cancellationToken).ConfigureAwait(false), false);
        }

        var count = await query.Take(Cap + 1).CountAsync(cancellationToken).ConfigureAwait(false);
        return count > Cap ? (Cap, true) : (count, false);
    }

    /// <summary>The statistics hold open findings of default branches per repository, rule and severity, and nothing finer.</summary>
    internal static bool FromStatistics(FindingFilter filter) =>
        filter.Visibility == FindingVisibility.Open
        && string.IsNullOrEmpty(filter.Branch)
        && filter.States is not { Count: > 0 }
        && string.IsNullOrWhiteSpace(filter.PathContains)
        && string.IsNullOrWhiteSpace(filter.OwaspCategory);
}
