using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary><see cref="RequestedAcceptances"/>: risk acceptances asked for by AcceptRisk (awaiting an approver).</summary>
public sealed record BulkTriageOutcome(int Matched, int Decisions, int FindingsUpdated, int RequestedAcceptances = 0);
