using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Evidence;
using ShiftLeft.Build.Policy;

namespace ShiftLeft.Build.Gate;

/// <summary>
/// The policy's links to the risk register: which risk ids a finding, a metric or an exception belongs to, and
/// whether each linked id exists in the register for the system (a link to nothing is a broken audit trail: SL1005).
/// </summary>
public static class RiskLinks
{
    /// <summary>The risk ids linked to rule <paramref name="code"/> (when given) or to metric <paramref name="metric"/> of the artifact of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<string> For(SystemPolicy system, string? code, string? kind, string? metric)
    {
        if (system.RiskLinks.Count == 0)
        {
            return [];
        }

        return system.RiskLinks
            .Where(l => (code is not null && l.IsRule && l.Target == code) || (metric is not null && l.Covers(kind, metric)))
            .SelectMany(l => l.Risks)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>SL1005 for each linked id the system's risk register lacks; nothing when the register could not be read (that is reported already).</summary>
    public static IEnumerable<EvidenceDiagnostic> Check(RequirementContext context, ArtifactContent? register)
    {
        var policy = context.Policy;
        var system = context.System;
        var linked = system.RiskLinks.SelectMany(l => l.Risks.Select(r => (Risk: r, Pointer: l.Pointer)))
            .Concat(context.Exceptions.Where(e => e.System == system.Name && e.Record is null).SelectMany(e => e.Risks.Select(r => (Risk: r, Pointer: e.Pointer + "/risks"))))
            .ToList();
        if (linked.Count == 0)
        {
            yield break;
        }

        if (register is null)
        {
            if (!system.Evidence.ContainsKey(TierDefaults.Kinds.RiskRegister))
            {
                yield return EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, policy.Locate(linked[0].Pointer), $"System '{system.Name}' links findings to risk ids ({string.Join(", ", linked.Select(l => l.Risk).Distinct().Take(5))}) but declares no \"riskRegister\" evidence to find them in. Declare the register under \"evidence\", or remove the links.");
            }

            yield break;
        }

        var known = register.Risks.Where(r => r.System == system.Name).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (risk, pointer) in linked.Where(l => !known.Contains(l.Risk)).DistinctBy(l => (l.Risk, l.Pointer)))
        {
            var path = system.Evidence[TierDefaults.Kinds.RiskRegister].Path;
            yield return EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, policy.Locate(pointer), $"Risk id '{EvidenceDiagnostic.Excerpt(risk, 100)}' linked in {policy.DisplayPath} is not in the risk register '{path}' for system '{system.Name}' (it has: {(known.Count > 0 ? string.Join(", ", known.Take(20)) : "none")}). Correct the id, or add the risk to the register.");
        }
    }
}
