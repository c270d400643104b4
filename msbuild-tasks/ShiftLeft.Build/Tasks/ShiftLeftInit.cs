using Microsoft.Build.Framework;
using ShiftLeft.Build.Gate;

namespace ShiftLeft.Build.Tasks;

/// <summary>`dotnet msbuild -t:ShiftLeftInit`: writes a starter shiftleft.json and template evidence for the project.</summary>
public sealed class ShiftLeftInit : Microsoft.Build.Utilities.Task
{
    /// <summary>$(MSBuildProjectFullPath).</summary>
    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>The shiftleft.json already found above the project, if any (it is never overwritten).</summary>
    public string? PolicyPath { get; set; }

    /// <summary>Folder for a new shiftleft.json; defaults to the git root above the project, else the project folder.</summary>
    public string? Root { get; set; }

    /// <summary>System name; defaults to the project name in kebab case.</summary>
    public string? SystemName { get; set; }

    /// <summary>Owning team.</summary>
    public string Owner { get; set; } = "team-unknown";

    /// <summary>minimal, limited or high.</summary>
    public string RiskTier { get; set; } = "high";

    /// <summary>The model id the system calls.</summary>
    public string? ModelId { get; set; }

    /// <summary>$(MSBuildStartupDirectory): the commands printed work from there.</summary>
    public string? StartupDirectory { get; set; }

    /// <summary>$(ShiftLeftEvidenceNow): the date written into templates; empty for the machine's clock.</summary>
    public string? Now { get; set; }

    public override bool Execute()
    {
        try
        {
            if (!GateClock.TryParse(Now, out var now))
            {
                throw new ArgumentException($"ShiftLeftEvidenceNow '{Diagnostics.EvidenceDiagnostic.Excerpt(Now, 60)}' is not an ISO-8601 instant.");
            }

            var projectPath = Path.GetFullPath(ProjectPath);
            var root = string.IsNullOrWhiteSpace(Root) ? GitRootOrProjectFolder(projectPath) : Root!;
            foreach (var line in Scaffolder.Run(new ScaffoldRequest(projectPath, PolicyPath, root, SystemName, Owner, RiskTier.Trim(), ModelId, now) { StartupDirectory = StartupDirectory }))
            {
                Log.LogMessage(MessageImportance.High, line);
            }

            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, "SL1005", null, Diagnostics.RuleIds.HelpLink("SL1005"), ProjectPath, 0, 0, 0, 0, $"ShiftLeftInit could not scaffold: {Diagnostics.EvidenceDiagnostic.Excerpt(ex.Message)} Fix the property or the folder permissions and run it again.");
            return false;
        }
    }

    private static string GitRootOrProjectFolder(string projectPath)
    {
        var projectFolder = Path.GetDirectoryName(projectPath)!;
        for (var dir = new DirectoryInfo(projectFolder); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }

        return projectFolder;
    }
}
