using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>The decision recorded; for AcceptRisk the finding is unchanged and <see cref="PendingApproval"/> says a request awaits an approver.</summary>
public sealed record TriageOutcome(long FindingId, TriageStatus Status, int FindingsUpdated, bool PendingApproval = false);
