using System.Security.Cryptography;
using System.Text;
using ShiftLeft.Build.Policy;

namespace ShiftLeft.Build.Gate;

/// <summary>SHA-256 of artifacts and of the prompt set, stable across operating systems.</summary>
public static class ContentHashes
{
    /// <summary>Hex SHA-256 of a file's bytes.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        using var sha = SHA256.Create();
        return Hex(sha.ComputeHash(stream));
    }

    /// <summary>
    /// "sha256:&lt;hex&gt;" over the sorted relative paths and contents of the prompt files, or null for no files.
    /// CRLF is normalised to LF first so a Windows checkout certifies the same prompts as a Linux one.
    /// </summary>
    public static string? OfPromptSet(string root, IReadOnlyList<string> fullPaths)
    {
        if (fullPaths.Count == 0)
        {
            return null;
        }

        using var sha = SHA256.Create();
        foreach (var path in fullPaths.OrderBy(p => Globs.Relative(root, p), StringComparer.Ordinal))
        {
            var content = File.ReadAllBytes(path);
            var normalized = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace("\r\n", "\n"));
            var entry = Encoding.UTF8.GetBytes(Globs.Relative(root, path) + "\0" + Hex(SHA256.HashData(normalized)) + "\n");
            sha.TransformBlock(entry, 0, entry.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        return "sha256:" + Hex(sha.Hash!);
    }

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
}
