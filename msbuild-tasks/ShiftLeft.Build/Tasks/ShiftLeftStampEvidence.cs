using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;

namespace ShiftLeft.Build.Tasks;

/// <summary>
/// `dotnet msbuild -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact=&lt;path&gt;`: certifies that a reviewed artifact was
/// produced against the system's current model id and prompt set (see <see cref="EvidenceStamper"/>).
/// </summary>
public sealed class ShiftLeftStampEvidence : PolicyCommandTask
{
    /// <summary>$(ShiftLeftStampArtifact): the artifact, relative to the folder of shiftleft.json.</summary>
    public string? Artifact { get; set; }

    protected override string Purpose => "certify evidence for";

    protected override string? Run(string projectPath, string policyPath, DateTimeOffset now, List<EvidenceDiagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(Artifact))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, SourceLocation.InFile(null), "ShiftLeftStampEvidence needs the artifact to certify: add -p:ShiftLeftStampArtifact=<path relative to shiftleft.json>, e.g. eval/support/results.json."));
            return null;
        }

        return EvidenceStamper.Stamp(new StampRequest(projectPath, policyPath, Artifact!.Trim(), now), diagnostics);
    }
}
