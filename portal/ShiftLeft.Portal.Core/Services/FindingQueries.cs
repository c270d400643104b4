using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>Translates a <see cref="FindingFilter"/> into one query, shared by the grid, exports and bulk triage.</summary>
internal static class FindingQueries
{
    public static IQueryable<Finding> Apply(PortalDbContext db, FindingFilter filter)
    {
        var query = db.Findings.AsNoTracking();
        if (filter.RepositoryId is { } repositoryId) query = query.Where(f => f.RepositoryId == repositoryId);

        if (!string.IsNullOrEmpty(filter.Branch))
        {
            query = query.Where(f => f.Branch == filter.Branch);
        }
        else if (filter.RepositoryId is not null)
        {
            // One repository: its (RepositoryId, Branch, IsOpen, Severity) index wants the branch by name.
            query = from f in query
                    join r in db.Repositories on f.RepositoryId equals r.Id
                    where f.Branch == r.DefaultBranch
                    select f;
        }
        else
        {
            // Default branches only (a finding on three branches would count three times), from the maintained flag: a join
            // to Repositories would visit every finding before the first page.
            query = query.Where(f => f.IsOnDefaultBranch);
        }

        if (filter.RuleIds is { Count: > 0 } rules) query = query.Where(f => rules.Contains(f.RuleId));
        if (filter.RuleScope == RuleScope.ShiftLeft)
        {
            var shiftLeft = RuleDocumentation.ShiftLeftRuleIds;
            query = query.Where(f => shiftLeft.Contains(f.RuleId));
        }
        if (filter.Severities is { Count: > 0 } severities) query = query.Where(f => severities.Contains(f.Severity));
        if (filter.States is { Count: > 0 } states)
            query = query.Effective(db).Where(x => states.Contains(x.State)).Select(x => x.Finding);

        if (!string.IsNullOrWhiteSpace(filter.OwaspCategory)) query = query.Where(f => f.OwaspCategory == filter.OwaspCategory);
        if (!string.IsNullOrWhiteSpace(filter.PathContains))
        {
            var needle = filter.PathContains.Trim().ToLowerInvariant();
            query = query.Where(f => f.Path.ToLower().Contains(needle));
        }

        return filter.Visibility switch
        {
            FindingVisibility.Open => query.Where(f => f.IsOpen),
            FindingVisibility.Triaged => query.Where(f => f.Triage != TriageStatus.None),
            FindingVisibility.Suppressed => query.Where(f => f.IsSuppressed),
            _ => query,
        };
    }

    /// <summary>
    /// Orders a filtered query. Severity (the default) ties break on Id in the same direction, so both directions read the
    /// (IsOnDefaultBranch, IsOpen, Severity, Id) index in order and stop after one page.
    /// </summary>
    public static IQueryable<Finding> Sort(PortalDbContext db, IQueryable<Finding> query, FindingSort sort, bool descending) => (sort, descending) switch
    {
        (FindingSort.State or FindingSort.LastSeen, _) => SortByLifecycle(db, query, sort, descending),
        (FindingSort.Rule, false) => query.OrderBy(f => f.RuleId).ThenBy(f => f.Id),
        (FindingSort.Rule, true) => query.OrderByDescending(f => f.RuleId).ThenBy(f => f.Id),
        (FindingSort.Path, false) => query.OrderBy(f => f.Path).ThenBy(f => f.StartLine).ThenBy(f => f.Id),
        (FindingSort.Path, true) => query.OrderByDescending(f => f.Path).ThenByDescending(f => f.StartLine).ThenBy(f => f.Id),
        (FindingSort.FirstSeen, false) => query.OrderBy(f => f.FirstSeenRunId).ThenBy(f => f.Id),
        (FindingSort.FirstSeen, true) => query.OrderByDescending(f => f.FirstSeenRunId).ThenBy(f => f.Id),
        (_, false) => query.OrderBy(f => f.Severity).ThenBy(f => f.Id),
        _ => query.OrderByDescending(f => f.Severity).ThenByDescending(f => f.Id),
    };

    private static IQueryable<Finding> SortByLifecycle(PortalDbContext db, IQueryable<Finding> query, FindingSort sort, bool descending)
    {
        var effective = query.Effective(db);
        var ordered = (sort, descending) switch
        {
            (FindingSort.State, false) => effective.OrderBy(x => x.State),
            (FindingSort.State, true) => effective.OrderByDescending(x => x.State),
            (_, false) => effective.OrderBy(x => x.LastSeenRunId),
            _ => effective.OrderByDescending(x => x.LastSeenRunId),
        };
        return ordered.ThenBy(x => x.Finding.Id).Select(x => x.Finding);
    }

    /// <summary>The open-state rule every writer maintains in <see cref="Finding.IsOpen"/>.</summary>
    public static bool IsOpen(FindingState state, bool suppressed, TriageStatus triage) =>
        state != FindingState.Fixed && !suppressed && triage == TriageStatus.None;
}
