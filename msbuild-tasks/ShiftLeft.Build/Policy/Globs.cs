using Microsoft.Extensions.FileSystemGlobbing;

namespace ShiftLeft.Build.Policy;

/// <summary>Glob handling for policy paths: relative to shiftleft.json, forward slashes, ordinal case as on Linux.</summary>
public static class Globs
{
    /// <summary>Why a glob can never be right, or null when it is well formed.</summary>
    public static string? Problem(string pattern)
    {
        if (pattern.Trim().Length == 0)
        {
            return "it is empty";
        }

        if (pattern.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            return "it contains a control character";
        }

        if (Path.IsPathRooted(pattern) || pattern.StartsWith("/", StringComparison.Ordinal))
        {
            return "it is an absolute path; globs are relative to the folder of shiftleft.json";
        }

        if (pattern.Contains('\\'))
        {
            return "it contains a backslash; use forward slashes";
        }

        if (pattern.Split('/').Any(segment => segment == ".."))
        {
            return "it climbs out of the folder of shiftleft.json with '..'; move shiftleft.json up instead";
        }

        if (pattern.IndexOfAny(['[', ']', '{', '}']) >= 0)
        {
            return "it uses [..] or {..}, which are not supported; use * and ** only";
        }

        return null;
    }

    /// <summary>Files under <paramref name="root"/> matched by any pattern, as full paths sorted ordinally.</summary>
    public static IReadOnlyList<string> Expand(string root, IEnumerable<string> patterns)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(patterns);
        var result = matcher.Execute(new LinkFreeDirectory(new DirectoryInfo(root)));
        return result.Files.Select(f => Path.GetFullPath(Path.Combine(root, f.Path))).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether the path (relative to the policy folder, forward slashes) matches a pattern, without touching the disk.</summary>
    public static bool Matches(string pattern, string relativePath)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        return matcher.Match(relativePath).HasMatches;
    }

    /// <summary>A path relative to <paramref name="root"/> with forward slashes (the form written to reports).</summary>
    public static string Relative(string root, string fullPath) =>
        Path.GetRelativePath(root, fullPath).Replace('\\', '/');
}
