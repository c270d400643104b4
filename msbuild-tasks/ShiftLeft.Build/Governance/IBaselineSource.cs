using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Governance;

/// <summary>
/// Where the gate finds the accepted baseline of a system. With a portal configured the portal is asked first
/// (<see cref="PortalBaselineSource"/>: "the last report accepted for the system on its default branch") and the
/// committed file (<see cref="FileBaselineSource"/>) answers only when the portal has none; ShiftLeftBaselineSource=Committed
/// reverses the two. The first source that has an entry for the system wins. A source that finds a baseline it cannot
/// use reports why and ends the search: a broken baseline never silently falls through to another.
/// </summary>
public interface IBaselineSource
{
    /// <summary>The system's accepted baseline; files to watch go to <paramref name="trackedInputs"/>, problems to <paramref name="diagnostics"/>.</summary>
    BaselineLookup Find(string system, ICollection<string> trackedInputs, ICollection<EvidenceDiagnostic> diagnostics);
}
