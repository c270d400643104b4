using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Governance;

/// <summary>
/// Where the gate finds the accepted baseline of a system. The gate asks the committed file first
/// (<see cref="FileBaselineSource"/>) and then each further source in order — the portal, once a portal URL is
/// configured: "the last report accepted for the system on its default branch". The first source that has an entry
/// for the system wins, so a committed baseline always beats the portal: it is reviewed in the pull request that
/// changes it, and rebuilding an old commit compares against the baseline that commit carried. A source that finds a
/// baseline it cannot use reports why and ends the search: a broken baseline never silently falls through to another.
/// </summary>
public interface IBaselineSource
{
    /// <summary>The system's accepted baseline; files to watch go to <paramref name="trackedInputs"/>, problems to <paramref name="diagnostics"/>.</summary>
    BaselineLookup Find(string system, ICollection<string> trackedInputs, ICollection<EvidenceDiagnostic> diagnostics);
}
