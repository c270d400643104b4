using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>A finding row with its effective lifecycle (<see cref="FindingLifecycle"/>); read these, not the row's State / LastSeen.</summary>
internal sealed class EffectiveFinding
{
    public required Finding Finding { get; init; }
    public FindingState State { get; init; }
    public long LastSeenRunId { get; init; }
    public DateTime LastSeenAt { get; init; }
}
