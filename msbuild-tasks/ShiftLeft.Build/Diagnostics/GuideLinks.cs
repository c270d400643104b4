namespace ShiftLeft.Build.Diagnostics;

/// <summary>
/// Links into the published guide and schemas, for messages: a user has the package, not ShiftLeft's repository, so a
/// message never names a docs/ path. Every link is built on the one documented base (<see cref="DocumentationLinks"/>).
/// </summary>
internal static class GuideLinks
{
    /// <summary>The evidence gate's guide (docs/evidence-gate.md as published), optionally at a section's anchor.</summary>
    public static string EvidenceGate(string? section = null) =>
        DocumentationLinks.Base + "evidence-gate.html" + (section is null ? string.Empty : "#" + section);
}
