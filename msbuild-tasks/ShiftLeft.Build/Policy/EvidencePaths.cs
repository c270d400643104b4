namespace ShiftLeft.Build.Policy;

/// <summary>
/// The grammar of an evidence path in shiftleft.json: one file, relative to the policy's folder, forward slashes,
/// no way out of the repository by its spelling (symbolic links are checked when the file is read).
/// </summary>
public static class EvidencePaths
{
    /// <summary>Why a path can never name evidence, or null when it is well formed.</summary>
    public static string? Problem(string path)
    {
        if (path.Trim().Length == 0)
        {
            return "it is empty";
        }

        if (path.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            return "it contains a control character";
        }

        if (Path.IsPathRooted(path) || path.StartsWith("/", StringComparison.Ordinal) || (path.Length >= 2 && path[1] == ':'))
        {
            return "it is an absolute path; evidence paths are relative to the folder of shiftleft.json";
        }

        if (path.Contains('\\'))
        {
            return "it contains a backslash; use forward slashes";
        }

        if (path.IndexOfAny(['*', '?', '[', ']', '{', '}']) >= 0)
        {
            return "it is a glob; an evidence path names exactly one file";
        }

        if (path.Contains(':'))
        {
            return "it contains ':', which Windows reads as a drive or a data stream";
        }

        var segments = path.Split('/');
        if (segments.Any(s => s == ".."))
        {
            return "it climbs out of the folder of shiftleft.json with '..'; evidence must live in the repository";
        }

        if (segments.Any(s => s.Length == 0 || s == "."))
        {
            return "it has an empty or '.' segment (write docs/ai/card.md, not docs//ai/./card.md)";
        }

        return path.EndsWith(".shiftleft-stamp.json", StringComparison.OrdinalIgnoreCase)
            ? "it names a stamp sidecar, which certifies an artifact and is never evidence itself; name the artifact"
            : null;
    }
}
