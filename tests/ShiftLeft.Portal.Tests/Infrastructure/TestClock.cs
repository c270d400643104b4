namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>
/// The instant every test portal's clock starts at (it runs on in real time, <see cref="ShiftLeft.Portal.Core.ShiftedClock"/>),
/// so dates the tests write or expect are relative to a known day, never to the day the suite runs.
/// </summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary><see cref="Start"/> as the UTC <see cref="DateTime"/> the services take.</summary>
    public static DateTime StartUtc => Start.UtcDateTime;

    /// <summary>A fresh portal clock starting at <see cref="Start"/>.</summary>
    public static TimeProvider Create() => new ShiftLeft.Portal.Core.ShiftedClock(Start);
}
