namespace ShiftLeft.Build.Publishing;

/// <summary>
/// What a publish needs from the git checkout around a folder, read from the .git folder itself (a build agent may
/// have no git executable): the work tree root, HEAD's commit, its branch (null when detached) and the origin URL.
/// Handles linked work trees (.git file, commondir), loose and packed refs.
/// </summary>
public sealed record GitCheckout(string Root, string? Commit, string? Branch, string? OriginUrl)
{
    /// <summary>The checkout containing <paramref name="folder"/>, or null outside git (or when .git is unreadable).</summary>
    public static GitCheckout? Find(string folder)
    {
        try
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
            {
                var dotGit = Path.Combine(dir.FullName, ".git");
                if (Directory.Exists(dotGit))
                {
                    return Read(dir.FullName, dotGit);
                }

                if (File.Exists(dotGit))
                {
                    var pointer = File.ReadAllText(dotGit).Trim();
                    if (!pointer.StartsWith("gitdir:", StringComparison.Ordinal))
                    {
                        return null;
                    }

                    return Read(dir.FullName, Path.GetFullPath(Path.Combine(dir.FullName, pointer.Substring(7).Trim())));
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static GitCheckout Read(string root, string gitDir)
    {
        var commonDir = File.Exists(Path.Combine(gitDir, "commondir"))
            ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim()))
            : gitDir;
        var headFile = Path.Combine(gitDir, "HEAD");
        var head = File.Exists(headFile) ? File.ReadAllText(headFile).Trim() : "";
        string? commit = null;
        string? branch = null;
        if (head.StartsWith("ref:", StringComparison.Ordinal))
        {
            var reference = head.Substring(4).Trim();
            branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference.Substring("refs/heads/".Length) : null;
            commit = ResolveReference(reference, gitDir, commonDir);
        }
        else if (IsCommitId(head))
        {
            commit = head;
        }

        return new GitCheckout(root, commit, branch, ReadOrigin(commonDir));
    }

    private static string? ResolveReference(string reference, string gitDir, string commonDir)
    {
        foreach (var dir in new[] { gitDir, commonDir })
        {
            var loose = Path.Combine(dir, reference.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(loose))
            {
                var id = File.ReadAllText(loose).Trim();
                return IsCommitId(id) ? id : null;
            }
        }

        var packed = Path.Combine(commonDir, "packed-refs");
        if (!File.Exists(packed))
        {
            return null;
        }

        foreach (var line in File.ReadLines(packed))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && parts[1] == reference && IsCommitId(parts[0]))
            {
                return parts[0];
            }
        }

        return null;
    }

    /// <summary>The url of [remote "origin"] in the repository's config, if any.</summary>
    private static string? ReadOrigin(string commonDir)
    {
        var config = Path.Combine(commonDir, "config");
        if (!File.Exists(config))
        {
            return null;
        }

        var inOrigin = false;
        foreach (var raw in File.ReadLines(config))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inOrigin = line.Replace(" ", "", StringComparison.Ordinal) == "[remote\"origin\"]";
                continue;
            }

            if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.IndexOf('=') is var equals and > 0 && line.Substring(0, equals).Trim() == "url")
            {
                return line.Substring(equals + 1).Trim();
            }
        }

        return null;
    }

    private static bool IsCommitId(string value) =>
        value.Length is 40 or 64 && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
