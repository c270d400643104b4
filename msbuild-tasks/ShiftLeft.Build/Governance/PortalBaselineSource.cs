using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Governance;

/// <summary>
/// The baseline last accepted for the system on its default branch, from the portal
/// (GET /api/v1/governance/baseline). The document is checked exactly like the committed file (strict UTF-8, schema,
/// the entry names the system); it carries no signature of its own, so it is trusted as far as the authenticated
/// connection (https, or loopback), and its entry's hash enters evidenceSha256, so a signed sign-off binds to the
/// baseline it was compared with. A portal that has none (404) lets the next source answer; an unreachable portal is
/// a warning (SL1008) and lets the next source answer too — with no baseline at all, baseline.required decides.
/// Problems are reported at <paramref name="where"/> (the system in shiftleft.json) and name the URL.
/// </summary>
public sealed class PortalBaselineSource(PortalGovernance portal, SourceLocation where, string fix) : IBaselineSource
{
    public BaselineLookup Find(string system, ICollection<string> trackedInputs, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var url = portal.Describe("baseline");
        var answer = portal.Get("baseline", ("system", system));
        switch (answer.Status)
        {
            case PortalAnswerStatus.NotFound:
                return BaselineLookup.NotFound;
            case PortalAnswerStatus.Failed:
                diagnostics.Add(EvidenceDiagnostic.Warning(RuleIds.MetricRegressed, where, $"The accepted baseline of system '{system}' could not be read from the portal ({url}): {answer.Problem}. The committed baseline, if any, is used instead. Check ShiftLeftPortalUrl, the token and the network, or set ShiftLeftGovernanceOnline=false to build offline."));
                return BaselineLookup.NotFound;
        }

        var found = new List<EvidenceDiagnostic>();
        var lookup = FileBaselineSource.Parse(answer.Body!, "portal", url, system, fix, found);
        foreach (var diagnostic in found)
        {
            diagnostics.Add(diagnostic with { Location = where, Message = diagnostic.Message + " (The portal's answer.)" });
        }

        return lookup;
    }
}
