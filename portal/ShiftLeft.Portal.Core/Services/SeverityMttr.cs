using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

public sealed record SeverityMttr(FindingSeverity Severity, double Days, int FixedCount);
