using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// Triage commands (triager or admin; every one audited). A decision applies to the finding's repository + fingerprint,
/// i.e. to the same finding on every branch and in every later upload.
/// </summary>
public interface ITriageService
{
    Task<TriageOutcome> ApplyAsync(long findingId, TriageCommand command, PortalActor actor, CancellationToken cancellationToken = default);

    /// <summary>Applies one command to every finding matching the filter (at most <see cref="TriageLimits.MaxBulk"/>).</summary>
    Task<BulkTriageOutcome> ApplyToFilterAsync(FindingFilter filter, TriageCommand command, PortalActor actor, CancellationToken cancellationToken = default);

    /// <summary>Applies one command to the given findings (at most <see cref="TriageLimits.MaxBulk"/>).</summary>
    Task<BulkTriageOutcome> ApplyToManyAsync(IReadOnlyCollection<long> findingIds, TriageCommand command, PortalActor actor, CancellationToken cancellationToken = default);

    /// <summary>Reopens findings whose accepted risk has expired (run periodically and at start). Returns how many.</summary>
    Task<int> ExpireAcceptedRisksAsync(CancellationToken cancellationToken = default);
}
