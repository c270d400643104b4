using System.Globalization;

namespace ShiftLeft.Build.Gate;

/// <summary>
/// The gate's "now" (ShiftLeftEvidenceNow): the machine's clock unless a build names an instant — to rebuild an old
/// commit with the verdict it had, or to make a test independent of the day it runs.
/// </summary>
public static class GateClock
{
    /// <summary>Parses the property; empty means the machine's clock. False for anything that is not an ISO-8601 instant.</summary>
    public static bool TryParse(string? text, out DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            now = DateTimeOffset.UtcNow;
            return true;
        }

        return Evidence.EvidenceDates.TryParse(text!, out now);
    }
}
