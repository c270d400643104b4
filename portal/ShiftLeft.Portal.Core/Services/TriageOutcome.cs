using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

public sealed record TriageOutcome(long FindingId, TriageStatus Status, int FindingsUpdated);
