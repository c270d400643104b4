using Microsoft.Build.Framework;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;

namespace ShiftLeft.Build.Tasks;

/// <summary>
/// `dotnet msbuild -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact=&lt;path&gt;`: certifies that a reviewed artifact was
/// produced against the system's current model id and prompt set (see <see cref="EvidenceStamper"/>).
/// </summary>
public sealed class ShiftLeftStampEvidence : Microsoft.Build.Utilities.Task
{
    /// <summary>$(MSBuildProjectFullPath): selects the system.</summary>
    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>Full path of shiftleft.json; empty when none was found.</summary>
    public string? PolicyPath { get; set; }

    /// <summary>$(ShiftLeftStampArtifact): the artifact, relative to the folder of shiftleft.json.</summary>
    public string? Artifact { get; set; }

    /// <summary>$(ShiftLeftEvidenceNow): the stamp's time; empty for the machine's clock.</summary>
    public string? Now { get; set; }

    public override bool Execute()
    {
        try
        {
            if (string.IsNullOrWhiteSpace(PolicyPath) || !File.Exists(PolicyPath))
            {
                Log.LogError(null, RuleIds.PolicyInvalid, null, RuleIds.HelpLink(RuleIds.PolicyInvalid), ProjectPath, 0, 0, 0, 0, "No shiftleft.json was found above the project, so there is no system to certify evidence for. Run `dotnet msbuild -t:ShiftLeftInit` first, or set ShiftLeftPolicyPath.");
                return false;
            }

            if (string.IsNullOrWhiteSpace(Artifact))
            {
                Log.LogError(null, RuleIds.PolicyInvalid, null, RuleIds.HelpLink(RuleIds.PolicyInvalid), ProjectPath, 0, 0, 0, 0, "ShiftLeftStampEvidence needs the artifact to certify: add -p:ShiftLeftStampArtifact=<path relative to shiftleft.json>, e.g. eval/support/results.json.");
                return false;
            }

            if (!GateClock.TryParse(Now, out var now))
            {
                Log.LogError(null, RuleIds.PolicyInvalid, null, RuleIds.HelpLink(RuleIds.PolicyInvalid), ProjectPath, 0, 0, 0, 0, $"ShiftLeftEvidenceNow is '{EvidenceDiagnostic.Excerpt(Now, 60)}', which is not an ISO-8601 instant. Write it like 2026-11-27T10:00:00Z, or leave it empty.");
                return false;
            }

            var diagnostics = new List<EvidenceDiagnostic>();
            var policy = Path.GetFullPath(PolicyPath!);
            var line = EvidenceStamper.Stamp(new StampRequest(Path.GetFullPath(ProjectPath), policy, Artifact!.Trim(), now), diagnostics);
            foreach (var diagnostic in diagnostics)
            {
                var file = diagnostic.Location.File is { } f ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(policy)!, f)) : ProjectPath;
                Log.LogError(null, diagnostic.Code, null, RuleIds.HelpLink(diagnostic.Code), file, diagnostic.Location.Line, diagnostic.Location.Column, 0, 0, diagnostic.Message);
            }

            if (line is not null)
            {
                Log.LogMessage(MessageImportance.High, line);
            }

            return line is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, RuleIds.ArtifactInvalid, null, RuleIds.HelpLink(RuleIds.ArtifactInvalid), ProjectPath, 0, 0, 0, 0, $"ShiftLeftStampEvidence could not write the stamp: {EvidenceDiagnostic.Excerpt(ex.Message)} Make the artifact's folder writable and run it again.");
            return false;
        }
    }
}
