using Microsoft.Build.Framework;
using ShiftLeft.Build.Publishing;

namespace ShiftLeft.Build.Tasks;

/// <summary>
/// Writes what this project build contributes to its solution's upload (<see cref="PublishRecord"/>). Runs before
/// compilation, so a build that then fails still contributes its SARIF and evidence report.
/// </summary>
public sealed class ShiftLeftPublishRecord : Microsoft.Build.Utilities.Task
{
    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    public string? TargetFramework { get; set; }

    /// <summary>The SARIF 2.1 log the compiler writes; empty when none.</summary>
    public string? Sarif { get; set; }

    /// <summary>Why the project's own ErrorLog cannot be published, when it cannot.</summary>
    public string? SarifProblem { get; set; }

    public string? Evidence { get; set; }

    public string? Policy { get; set; }

    /// <summary>Publishing properties: item spec = property name, metadata Value = its value.</summary>
    public ITaskItem[] Settings { get; set; } = [];

    [Required]
    public string RecordPath { get; set; } = string.Empty;

    /// <summary>$(SolutionPath): set when the project is built as part of a solution.</summary>
    public string? SolutionPath { get; set; }

    public override bool Execute()
    {
        try
        {
            var record = new PublishRecord
            {
                Project = Path.GetFullPath(ProjectPath),
                TargetFramework = Empty(TargetFramework),
                Sarif = Empty(Sarif) is { } sarif ? Path.GetFullPath(sarif) : null,
                SarifProblem = Empty(SarifProblem),
                Evidence = Empty(Evidence),
                Policy = Empty(Policy),
                Properties = Settings
                    .Where(s => PublishSettings.Properties.ContainsKey(s.ItemSpec) && !string.IsNullOrWhiteSpace(s.GetMetadata("Value")))
                    .GroupBy(s => s.ItemSpec, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Last().GetMetadata("Value").Trim(), StringComparer.Ordinal),
            };
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(RecordPath))!);
            var json = record.ToJson();
            // Unchanged records keep their file time, like the other files of an up-to-date build.
            if (!File.Exists(RecordPath) || File.ReadAllText(RecordPath) != json)
            {
                File.WriteAllText(RecordPath, json);
            }

            WarnWhenNothingUploads(record);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(null, Publisher.InputProblem, null, DocumentationLinks.Rule(Publisher.InputProblem), ProjectPath, 0, 0, 0, 0, $"ShiftLeft publishing: the record {RecordPath} cannot be written ({ex.Message}); this project is not published.");
            return true;
        }
    }

    /// <summary>
    /// A portal is configured for a solution build whose solution has no publishing hook: nothing would upload, and the
    /// user would only find out in the portal. Said by every project of the build, as each one sees it.
    /// </summary>
    private void WarnWhenNothingUploads(PublishRecord record)
    {
        if (Empty(SolutionPath) is not { } solution
            || !(record.Properties.ContainsKey("ShiftLeftPortalUrl") || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("SHIFTLEFT_PORTAL_URL")))
            || SolutionHook.Find(solution) is not null)
        {
            return;
        }

        Log.LogWarning(null, Publisher.InputProblem, null, DocumentationLinks.Rule(Publisher.InputProblem), ProjectPath, 0, 0, 0, 0,
            $"ShiftLeft publishing: a portal is configured but {Path.GetFileName(solution)} has no publishing hook, so this build uploads nothing. Add the Directory.Solution.targets shown in docs/evidence-gate.md (\"Publishing from builds\") next to the solution, or scan with the shiftleft tool.");
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
