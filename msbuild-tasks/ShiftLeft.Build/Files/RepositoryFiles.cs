namespace ShiftLeft.Build.Files;

/// <summary>Why a repository path cannot be read as evidence.</summary>
internal enum PathProblem
{
    None,
    Missing,
    OutsideRepository,
    NotRegularFile,
    DanglingLink,
    LinkLoop,
    Unreadable,
}

/// <summary>Where a repository-relative path really leads, or why it leads nowhere usable.</summary>
/// <param name="RealPath">The path with every symbolic link resolved (set when <paramref name="Problem"/> is None).</param>
/// <param name="Problem">None when the path leads to a regular file inside the repository.</param>
/// <param name="Detail">A clause for the message: what the path is or where it leads.</param>
internal readonly record struct ResolvedPath(string? RealPath, PathProblem Problem, string Detail);

/// <summary>
/// Resolves paths inside a repository the way the kernel would, one component at a time, so that a symbolic link
/// anywhere on the way (in a folder or at the file) is followed and its destination checked: only regular files whose
/// real location is inside the repository root are evidence. Nothing is opened here.
/// </summary>
internal static class RepositoryFiles
{
    // Linux's own limit on links followed while resolving one path.
    private const int MaxLinkHops = 40;

    /// <summary>Resolves <paramref name="relativePath"/> (forward slashes, validated by the policy) under <paramref name="root"/>.</summary>
    public static ResolvedPath Resolve(string root, string relativePath)
    {
        var realRoot = RealPath(Path.GetFullPath(root), out var rootProblem, out _, out _);
        if (realRoot is null)
        {
            return new ResolvedPath(null, PathProblem.Unreadable, "the repository folder itself cannot be resolved (" + rootProblem + ")");
        }

        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        var real = RealPath(full, out var problem, out var kind, out var reached);
        if (real is null)
        {
            // A link that leaves the repository is reported as such, whether or not its destination exists.
            return kind == PathProblem.DanglingLink && !IsInside(realRoot, reached)
                ? new ResolvedPath(null, PathProblem.OutsideRepository, $"it leads to '{reached}', outside the repository")
                : new ResolvedPath(null, kind, problem!);
        }

        if (!IsInside(realRoot, real))
        {
            return new ResolvedPath(null, PathProblem.OutsideRepository, $"it leads to '{real}', outside the repository");
        }

        if (Directory.Exists(real))
        {
            return new ResolvedPath(null, PathProblem.NotRegularFile, "it is a directory");
        }

        var fileKind = FileProbe.KindOf(real);
        if (fileKind is not (FileKind.Regular or FileKind.Unknown))
        {
            return new ResolvedPath(null, PathProblem.NotRegularFile, "it is " + Describe(fileKind));
        }

        return new ResolvedPath(real, PathProblem.None, string.Empty);
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> itself or below it.</summary>
    public static bool IsInside(string folder, string path)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.Equals(folder, comparison) || path.StartsWith(prefix, comparison);
    }

    /// <summary>The real location of an absolute path (realpath(3)), or null with the reason.</summary>
    internal static string? RealPath(string absolute, out string? problem, out PathProblem kind) => RealPath(absolute, out problem, out kind, out _);

    /// <summary>As <see cref="RealPath(string, out string?, out PathProblem)"/>; <paramref name="reached"/> is how far resolution got.</summary>
    internal static string? RealPath(string absolute, out string? problem, out PathProblem kind, out string reached)
    {
        var root = Path.GetPathRoot(absolute)!;
        var remaining = new Stack<string>(Split(absolute.Substring(root.Length)).Reverse());
        var current = root;
        var hops = 0;
        while (remaining.Count > 0)
        {
            var component = remaining.Pop();
            if (component is "" or ".")
            {
                continue;
            }

            if (component == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, component);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                reached = next;
                (problem, kind) = ($"'{next}' cannot be inspected: {ex.Message}", PathProblem.Unreadable);
                return null;
            }

            if (target is not null)
            {
                if (++hops > MaxLinkHops)
                {
                    reached = next;
                    (problem, kind) = ($"it is a symbolic link that never ends (a loop through '{next}')", PathProblem.LinkLoop);
                    return null;
                }

                foreach (var part in Split(target).Reverse())
                {
                    remaining.Push(part);
                }

                if (Path.IsPathRooted(target))
                {
                    current = Path.GetPathRoot(target)!;
                }

                continue;
            }

            if (!File.Exists(next) && !Directory.Exists(next))
            {
                reached = Path.Join(next, string.Join("/", remaining));
                var dangling = hops > 0;
                (problem, kind) = dangling
                    ? ($"it is a symbolic link to '{Path.Join(next, string.Join("/", remaining))}', which does not exist", PathProblem.DanglingLink)
                    : ("it does not exist", PathProblem.Missing);
                return null;
            }

            if (remaining.Count > 0 && !Directory.Exists(next))
            {
                reached = next;
                (problem, kind) = ($"'{next}' is not a folder", PathProblem.Missing);
                return null;
            }

            current = next;
        }

        (problem, kind, reached) = (null, PathProblem.None, current);
        return current;
    }

    private static IEnumerable<string> Split(string path) =>
        path.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a directory",
        _ => "not a regular file",
    };
}
