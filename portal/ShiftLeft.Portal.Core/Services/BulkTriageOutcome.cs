using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

public sealed record BulkTriageOutcome(int Matched, int Decisions, int FindingsUpdated);
