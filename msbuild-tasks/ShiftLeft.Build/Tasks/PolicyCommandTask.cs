using Microsoft.Build.Framework;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;

namespace ShiftLeft.Build.Tasks;

/// <summary>
/// A target a person runs on demand against the project's system (stamping evidence, accepting a baseline): it needs
/// shiftleft.json and the gate's clock, writes one file, and reports what it did as one line or its errors as SL100x.
/// </summary>
public abstract class PolicyCommandTask : Microsoft.Build.Utilities.Task
{
    /// <summary>$(MSBuildProjectFullPath): selects the system.</summary>
    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>Full path of shiftleft.json; empty when none was found.</summary>
    public string? PolicyPath { get; set; }

    /// <summary>$(ShiftLeftEvidenceNow): the instant recorded and the gate's now; empty for the machine's clock.</summary>
    public string? Now { get; set; }

    /// <summary>What the command does, for "No shiftleft.json was found ..., so there is no system to {0}".</summary>
    protected abstract string Purpose { get; }

    public override bool Execute()
    {
        try
        {
            if (string.IsNullOrWhiteSpace(PolicyPath) || !File.Exists(PolicyPath))
            {
                Log.LogError(null, RuleIds.PolicyInvalid, null, RuleIds.HelpLink(RuleIds.PolicyInvalid), ProjectPath, 0, 0, 0, 0, $"No shiftleft.json was found above the project, so there is no system to {Purpose}. Run `dotnet msbuild -t:ShiftLeftInit` first, or set ShiftLeftPolicyPath.");
                return false;
            }

            if (!GateClock.TryParse(Now, out var now))
            {
                Log.LogError(null, RuleIds.PolicyInvalid, null, RuleIds.HelpLink(RuleIds.PolicyInvalid), ProjectPath, 0, 0, 0, 0, $"ShiftLeftEvidenceNow is '{EvidenceDiagnostic.Excerpt(Now, 60)}', which is not an ISO-8601 instant. Write it like 2026-11-27T10:00:00Z, or leave it empty.");
                return false;
            }

            var diagnostics = new List<EvidenceDiagnostic>();
            var policy = Path.GetFullPath(PolicyPath!);
            var line = Run(Path.GetFullPath(ProjectPath), policy, now, diagnostics);
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
            Log.LogError(null, RuleIds.ArtifactInvalid, null, RuleIds.HelpLink(RuleIds.ArtifactInvalid), ProjectPath, 0, 0, 0, 0, $"{GetType().Name} could not write its file: {EvidenceDiagnostic.Excerpt(ex.Message)} Make the folder writable and run it again.");
            return false;
        }
    }

    /// <summary>Does the work; returns the line for the build log, or adds SL100x errors and returns null.</summary>
    protected abstract string? Run(string projectPath, string policyPath, DateTimeOffset now, List<EvidenceDiagnostic> diagnostics);
}
