namespace ShiftLeft.Build.Gate;

/// <summary>
/// Reads the commit of HEAD straight from the .git folder (no git process: the gate must stay cheap),
/// and names the files whose change means HEAD moved, for the gate's incremental inputs.
/// </summary>
public static class GitRevision
{
    /// <summary>The full commit id, or null when <paramref name="startDirectory"/> is not in a readable git checkout.</summary>
    public static string? Read(string startDirectory, ICollection<string> trackedFiles)
    {
        try
        {
            var gitDir = FindGitDirectory(startDirectory);
            if (gitDir is null)
            {
                return null;
            }

            var headFile = Path.Combine(gitDir, "HEAD");
            trackedFiles.Add(headFile);
            var head = File.ReadAllText(headFile).Trim();
            if (!head.StartsWith("ref:", StringComparison.Ordinal))
            {
                return IsCommitId(head) ? head : null;
            }

            var reference = head.Substring(4).Trim();
            var commonDir = CommonDirectory(gitDir);
            foreach (var dir in new[] { gitDir, commonDir })
            {
                var loose = Path.Combine(dir, reference.Replace('/', Path.DirectorySeparatorChar));
                if (File.Exists(loose))
                {
                    trackedFiles.Add(loose);
                    var id = File.ReadAllText(loose).Trim();
                    return IsCommitId(id) ? id : null;
                }
            }

            var packed = Path.Combine(commonDir, "packed-refs");
            if (File.Exists(packed))
            {
                trackedFiles.Add(packed);
                foreach (var line in File.ReadLines(packed))
                {
                    var parts = line.Split(' ');
                    if (parts.Length == 2 && parts[1] == reference && IsCommitId(parts[0]))
                    {
                        return parts[0];
                    }
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The commit is informative only; an unreadable repository must not fail the build.
            return null;
        }
    }

    /// <summary>The folder shared by all worktrees of the repository (refs, packed-refs, shallow).</summary>
    internal static string CommonDirectory(string gitDir) => File.Exists(Path.Combine(gitDir, "commondir"))
        ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim()))
        : gitDir;

    /// <summary>The .git folder of the checkout containing <paramref name="start"/>, or null.</summary>
    internal static string? FindGitDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            // Worktrees and submodules: ".git" is a file "gitdir: <path>".
            if (File.Exists(candidate))
            {
                var text = File.ReadAllText(candidate).Trim();
                return text.StartsWith("gitdir:", StringComparison.Ordinal)
                    ? Path.GetFullPath(Path.Combine(dir.FullName, text.Substring(7).Trim()))
                    : null;
            }
        }

        return null;
    }

    private static bool IsCommitId(string text) =>
        text.Length is 40 or 64 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
