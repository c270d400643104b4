using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// The one definition of a finding's effective lifecycle, as the grid, its state filter and sorts, the detail page and the
/// exports read it. Ingestion rewrites a finding's row only when something it shows changed, and records the branch's
/// latest run in <see cref="BranchHead"/>; so a finding's state is the stored one while it is fixed or its row was written
/// by the head run, and <see cref="FindingState.Unchanged"/> otherwise (new and reintroduced last one run); a finding that
/// is not fixed was last seen by the head run. A branch without a head (no SARIF yet) keeps the stored values.
/// </summary>
internal static class FindingLifecycle
{
    /// <summary>Each finding with its effective state and last sighting, translated to SQL (one left join to the branch head).</summary>
    public static IQueryable<EffectiveFinding> Effective(this IQueryable<Finding> findings, PortalDbContext db) =>
        from f in findings
        from h in db.BranchHeads.Where(h => h.RepositoryId == f.RepositoryId && h.Branch == f.Branch).DefaultIfEmpty()
        select new EffectiveFinding
        {
            Finding = f,
            State = h == null || f.State == FindingState.Fixed || f.LastSeenRunId == h.RunId ? f.State : FindingState.Unchanged,
            LastSeenRunId = h == null || f.State == FindingState.Fixed ? f.LastSeenRunId : h.RunId,
            LastSeenAt = h == null || f.State == FindingState.Fixed ? f.LastSeenAt : h.ReceivedAt,
        };
}
