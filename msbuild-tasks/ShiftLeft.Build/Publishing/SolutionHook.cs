namespace ShiftLeft.Build.Publishing;

/// <summary>
/// The file that makes a solution build upload once: a Directory.Solution.targets (found like Directory.Build.props,
/// from the solution's folder up) or an after.&lt;solution file&gt;.targets beside the solution, defining the target
/// <see cref="TargetName"/>. The hook's text is in docs/evidence-gate.md and in the samples.
/// </summary>
public static class SolutionHook
{
    public const string TargetName = "ShiftLeftPublishSolution";

    /// <summary>The hook file of <paramref name="solutionPath"/>, or null when it has none.</summary>
    public static string? Find(string solutionPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(solutionPath))!;
        var after = Path.Combine(folder, "after." + Path.GetFileName(solutionPath) + ".targets");
        if (Defines(after))
        {
            return after;
        }

        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Directory.Solution.targets");
            if (File.Exists(candidate))
            {
                // Like MSBuild, only the nearest Directory.Solution.targets is imported.
                return Defines(candidate) ? candidate : null;
            }
        }

        return null;
    }

    private static bool Defines(string file)
    {
        try
        {
            return File.Exists(file) && File.ReadAllText(file).Contains("\"" + TargetName + "\"", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
