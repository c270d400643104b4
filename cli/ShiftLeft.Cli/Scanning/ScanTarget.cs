namespace ShiftLeft.Cli.Scanning;

/// <summary>What is scanned: a solution (.sln, .slnx) or a project file, and the folder its paths are relative to.</summary>
public sealed record ScanTarget(string Path, string Root)
{
    private static readonly string[] SolutionExtensions = [".sln", ".slnx"];
    private static readonly string[] ProjectExtensions = [".csproj", ".vbproj"];

    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public bool IsSolution => SolutionExtensions.Contains(System.IO.Path.GetExtension(Path), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A solution or project file as given, or the one solution (else the one project) in a folder. The root is the
    /// git work tree around it, else its folder.
    /// </summary>
    public static ScanTarget Resolve(string argument)
    {
        var full = System.IO.Path.GetFullPath(argument);
        string file;
        if (File.Exists(full))
        {
            var extension = System.IO.Path.GetExtension(full);
            if (!SolutionExtensions.Concat(ProjectExtensions).Contains(extension, StringComparer.OrdinalIgnoreCase))
            {
                throw new ScanUsageException($"'{argument}' is not a solution (.sln, .slnx) or a C#/VB project (.csproj, .vbproj).");
            }

            file = full;
        }
        else if (Directory.Exists(full))
        {
            var solutions = SolutionExtensions.SelectMany(e => Directory.GetFiles(full, "*" + e)).Order(StringComparer.Ordinal).ToList();
            var projects = ProjectExtensions.SelectMany(e => Directory.GetFiles(full, "*" + e)).Order(StringComparer.Ordinal).ToList();
            file = solutions.Count switch
            {
                1 => solutions[0],
                > 1 => throw new ScanUsageException($"'{argument}' holds several solutions ({string.Join(", ", solutions.Select(System.IO.Path.GetFileName))}): name one."),
                _ => projects.Count == 1 ? projects[0]
                    : throw new ScanUsageException(projects.Count == 0
                        ? $"'{argument}' holds no solution or project file: name one, or run the tool in the repository's folder."
                        : $"'{argument}' holds several projects and no solution: name one."),
            };
        }
        else
        {
            throw new ScanUsageException($"'{argument}' does not exist.");
        }

        var folder = System.IO.Path.GetDirectoryName(file)!;
        var root = ShiftLeft.Build.Publishing.GitCheckout.Find(folder)?.Root ?? folder;
        return new ScanTarget(file, root);
    }
}

/// <summary>The command line cannot be acted on; the message says what to change.</summary>
public sealed class ScanUsageException(string message) : Exception(message);
