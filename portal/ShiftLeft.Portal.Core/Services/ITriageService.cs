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

public enum TriageAction
{
    Dismiss,
    AcceptRisk,
    Reopen,
}

/// <summary>
/// Dismiss needs <see cref="Reason"/>; AcceptRisk needs <see cref="ApprovedBy"/> and a future <see cref="ExpiresAt"/>;
/// a comment is required for Dismiss and AcceptRisk.
/// </summary>
public sealed record TriageCommand(TriageAction Action, string? Comment, DismissReason? Reason = null, string? ApprovedBy = null, DateTime? ExpiresAt = null)
{
    public static TriageCommand Dismiss(DismissReason reason, string comment) => new(TriageAction.Dismiss, comment, reason);

    public static TriageCommand AcceptRisk(string approvedBy, DateTime expiresAt, string comment) => new(TriageAction.AcceptRisk, comment, null, approvedBy, expiresAt);

    public static TriageCommand Reopen(string? comment = null) => new(TriageAction.Reopen, comment);
}

public sealed record TriageOutcome(long FindingId, TriageStatus Status, int FindingsUpdated);

public sealed record BulkTriageOutcome(int Matched, int Decisions, int FindingsUpdated);

public static class TriageLimits
{
    public const int MaxBulk = 10_000;
    public const int MaxCommentLength = 4000;
    public const int MaxApproverLength = 256;
}
