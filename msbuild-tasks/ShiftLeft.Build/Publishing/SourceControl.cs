using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ShiftLeft.Build.Publishing;

/// <summary>Where a run comes from: the metadata the portal files it under.</summary>
/// <param name="Repository">Repository name in the portal's grammar (segments of letters, digits, '.', '_', '-').</param>
/// <param name="Commit">Commit id; null when neither CI nor git knows it.</param>
/// <param name="Branch">Branch name; null when unknown (a detached checkout outside CI).</param>
/// <param name="BuildId">CI build id; null outside CI (the publisher then derives one from the content).</param>
/// <param name="SourceRoot">Folder that SARIF paths are made relative to.</param>
/// <param name="Provider">GitHub Actions, Azure Pipelines, GitLab CI or git.</param>
public sealed record SourceControl(string Repository, string? Commit, string? Branch, string? BuildId, string SourceRoot, string Provider)
{
    /// <summary>
    /// Resolves each field from, in order: the explicit setting, the CI system's variables (GitHub Actions, Azure
    /// Pipelines, GitLab CI), the git checkout around <paramref name="startFolder"/>; the repository name falls back to
    /// the source root's folder name.
    /// </summary>
    public static SourceControl Resolve(PublishSettings settings, string startFolder, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        string? Env(string name) => environment(name) is { Length: > 0 } value ? value.Trim() : null;
        var git = GitCheckout.Find(startFolder);

        string? repository = null, commit = null, branch = null, buildId = null, workspace = null;
        var provider = "git";
        if (string.Equals(Env("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            provider = "GitHub Actions";
            repository = Env("GITHUB_REPOSITORY");
            commit = Env("GITHUB_SHA");
            branch = Env("GITHUB_HEAD_REF") ?? Env("GITHUB_REF_NAME");
            buildId = Env("GITHUB_RUN_ID") is { } run ? run + "." + (Env("GITHUB_RUN_ATTEMPT") ?? "1") : null;
            workspace = Env("GITHUB_WORKSPACE");
        }
        else if (string.Equals(Env("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase))
        {
            provider = "Azure Pipelines";
            repository = string.Equals(Env("BUILD_REPOSITORY_PROVIDER"), "TfsGit", StringComparison.OrdinalIgnoreCase)
                ? FromRemoteUrl(Env("BUILD_REPOSITORY_URI"))
                : Env("BUILD_REPOSITORY_NAME");
            commit = Env("BUILD_SOURCEVERSION");
            branch = StripHeads(Env("SYSTEM_PULLREQUEST_SOURCEBRANCH") ?? Env("BUILD_SOURCEBRANCH"));
            buildId = Env("BUILD_BUILDID") is { } build ? build + "." + (Env("SYSTEM_JOBATTEMPT") ?? "1") : null;
            workspace = Env("BUILD_SOURCESDIRECTORY");
        }
        else if (string.Equals(Env("GITLAB_CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            provider = "GitLab CI";
            repository = Env("CI_PROJECT_PATH");
            commit = Env("CI_COMMIT_SHA");
            branch = Env("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME") ?? Env("CI_COMMIT_BRANCH") ?? Env("CI_COMMIT_REF_NAME");
            buildId = Env("CI_JOB_ID");
            workspace = Env("CI_PROJECT_DIR");
        }

        var sourceRoot = FullFolder(settings.SourceRoot) ?? FullFolder(workspace) ?? git?.Root ?? Path.GetFullPath(startFolder);
        repository = settings.Repository ?? Env("SHIFTLEFT_REPOSITORY") ?? repository ?? FromRemoteUrl(git?.OriginUrl) ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(sourceRoot));
        return new SourceControl(
            NormalizeRepository(repository),
            settings.Commit ?? commit ?? git?.Commit,
            settings.Branch ?? branch ?? git?.Branch,
            settings.BuildId ?? buildId,
            sourceRoot,
            provider);
    }

    /// <summary>
    /// The repository path of a clone URL: https://github.com/o/n.git, git@github.com:o/n.git, ssh://git@host:22/g/s/n,
    /// https://dev.azure.com/org/project/_git/repo and https://org.visualstudio.com/project/_git/repo.
    /// </summary>
    public static string? FromRemoteUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        url = url.Trim();
        string path;
        string host;
        var scp = Regex.Match(url, @"^(?:[^@/]+@)?(?<host>[^:/]+):(?!//)(?<path>.+)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!url.Contains("://", StringComparison.Ordinal) && scp.Success)
        {
            host = scp.Groups["host"].Value;
            path = scp.Groups["path"].Value;
        }
        else if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme != Uri.UriSchemeFile)
        {
            host = uri.Host;
            path = Uri.UnescapeDataString(uri.AbsolutePath);
        }
        else
        {
            return null;
        }

        path = path.Trim('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path.Substring(0, path.Length - 4);
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "_git").ToList();
        if (host.EndsWith(".visualstudio.com", StringComparison.OrdinalIgnoreCase))
        {
            segments.Insert(0, host.Substring(0, host.IndexOf('.', StringComparison.Ordinal)));
        }
        else if (host.Equals("ssh.dev.azure.com", StringComparison.OrdinalIgnoreCase) && segments.Count > 0 && segments[0] == "v3")
        {
            segments.RemoveAt(0);
        }

        return segments.Count == 0 ? null : string.Join('/', segments);
    }

    /// <summary>
    /// Fits a name to the portal's repository grammar: each '/'-separated segment keeps ASCII letters, digits, '.', '_'
    /// and '-' (anything else becomes '-'); empty, '.' and '..' segments are dropped; at most 200 characters.
    /// </summary>
    public static string NormalizeRepository(string name)
    {
        var segments = name.Split('/', '\\')
            .Select(s => Regex.Replace(s.Trim(), "[^A-Za-z0-9._-]+", "-", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).Trim('-'))
            .Where(s => s.Length > 0 && s != "." && s != "..")
            .ToList();
        var normalized = segments.Count == 0 ? "repository" : string.Join('/', segments);
        return normalized.Length <= 200 ? normalized : normalized.Substring(0, 200).TrimEnd('/', '.');
    }

    /// <summary>A build id for a build outside CI: equal content gives an equal id, so re-publishing it stores nothing.</summary>
    public static string LocalBuildId(IEnumerable<byte[]> content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in content)
        {
            sha.AppendData(BitConverter.GetBytes(part.Length));
            sha.AppendData(part);
        }

        return "local-" + Convert.ToHexString(sha.GetHashAndReset()).Substring(0, 16).ToLowerInvariant();
    }

    private static string? StripHeads(string? reference) =>
        reference is null ? null : reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference.Substring("refs/heads/".Length) : reference;

    private static string? FullFolder(string? folder) =>
        string.IsNullOrWhiteSpace(folder) ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
