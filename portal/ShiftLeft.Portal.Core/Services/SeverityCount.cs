using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

public sealed record SeverityCount(FindingSeverity Severity, int Count);
