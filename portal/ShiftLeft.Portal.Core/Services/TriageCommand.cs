using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

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
