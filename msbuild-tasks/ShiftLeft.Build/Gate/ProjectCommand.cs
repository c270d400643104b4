namespace ShiftLeft.Build.Gate;

/// <summary>
/// The <c>dotnet msbuild &lt;project&gt; -t:…</c> commands messages tell a person to run, with the project written so that
/// the command works where they ran the build: relative to MSBuild's startup directory when the project lies below
/// it, else as a full path. Without a startup directory (the gate run in-process by tests and tools) it is relative to
/// the folder of shiftleft.json.
/// </summary>
public sealed record ProjectCommand(string Project)
{
    /// <summary>The command line for <paramref name="projectFullPath"/> seen from <paramref name="startupDirectory"/>.</summary>
    public static ProjectCommand For(string projectFullPath, string policyDirectory, string? startupDirectory)
    {
        string project;
        if (string.IsNullOrWhiteSpace(startupDirectory))
        {
            project = Policy.Globs.Relative(policyDirectory, projectFullPath);
        }
        else
        {
            var relative = Path.GetRelativePath(Path.GetFullPath(startupDirectory!), projectFullPath);
            project = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? projectFullPath : relative;
        }

        project = project.Replace('\\', '/');
        return new ProjectCommand(project.Contains(' ') ? "\"" + project + "\"" : project);
    }

    /// <summary>`dotnet msbuild &lt;project&gt; -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact=&lt;artifact&gt;`.</summary>
    public string Stamp(string artifact) => Target("ShiftLeftStampEvidence", " -p:ShiftLeftStampArtifact=" + (artifact.Contains(' ') ? "\"" + artifact + "\"" : artifact));

    /// <summary>`dotnet msbuild &lt;project&gt; -t:ShiftLeftAcceptBaseline`.</summary>
    public string AcceptBaseline => Target("ShiftLeftAcceptBaseline", string.Empty);

    private string Target(string target, string properties) => $"`dotnet msbuild {Project} -t:{target}{properties}`";
}
