using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// Dismiss needs <see cref="Reason"/> and a comment. AcceptRisk asks for a risk acceptance: it needs a comment (why the
/// risk is acceptable) and <see cref="ExpiresAt"/> (its day is the last day the acceptance applies); the finding stays
/// open until someone else with the approver role approves (Services/Governance).
/// </summary>
public sealed record TriageCommand(TriageAction Action, string? Comment, DismissReason? Reason = null, DateTime? ExpiresAt = null)
{
    /// <summary>Set only when an approved risk acceptance is applied: the approver as the decision records them.</summary>
    internal string? ApprovedBy { get; init; }

    public static TriageCommand Dismiss(DismissReason reason, string comment) => new(TriageAction.Dismiss, comment, reason);

    public static TriageCommand AcceptRisk(DateTime expiresAt, string comment) => new(TriageAction.AcceptRisk, comment, null, expiresAt);

    public static TriageCommand Reopen(string? comment = null) => new(TriageAction.Reopen, comment);
}
