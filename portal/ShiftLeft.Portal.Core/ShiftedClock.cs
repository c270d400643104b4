namespace ShiftLeft.Portal.Core;

/// <summary>
/// The system clock moved to start at a chosen instant (<see cref="PortalOptions.ClockStart"/>): time passes as usual, so
/// sessions, sweeps and timeouts behave, but every date the portal writes or compares is relative to a known day. Lets
/// browser tests and demos run the real portal process independently of the day they run on.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
