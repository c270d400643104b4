using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

public enum FindingSort
{
    Severity,
    Rule,
    Path,
    FirstSeen,
    LastSeen,
    State,
}
