using System.Security.Cryptography;
using System.Text;

namespace ShiftLeft.Build.Gate;

/// <summary>SHA-256 of artifacts and of the prompt set, stable across operating systems.</summary>
public static class ContentHashes
{
    /// <summary>Hex SHA-256 of bytes already read (the same bytes the readers parse, so the hash certifies what was checked).</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Hex(SHA256.HashData(bytes));

    /// <summary>
    /// "sha256:&lt;hex&gt;" over the prompt files sorted by relative path, or null for no files: for each, the line
    /// <c>&lt;relative path&gt;\0&lt;sha256 hex of the content with CRLF normalised to LF&gt;\n</c>, so a Windows checkout
    /// certifies the same prompts as a Linux one.
    /// </summary>
    public static string? OfPromptSet(IReadOnlyList<(string RelativePath, byte[] Content)> files)
    {
        if (files.Count == 0)
        {
            return null;
        }

        using var sha = SHA256.Create();
        foreach (var (relative, content) in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            var entry = Encoding.UTF8.GetBytes(relative + "\0" + Hex(SHA256.HashData(WithoutCarriageReturns(content))) + "\n");
            sha.TransformBlock(entry, 0, entry.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        return "sha256:" + Hex(sha.Hash!);
    }

    private static byte[] WithoutCarriageReturns(byte[] content)
    {
        if (content.AsSpan().IndexOf("\r\n"u8) < 0)
        {
            return content;
        }

        var result = new List<byte>(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            if (!(content[i] == (byte)'\r' && i + 1 < content.Length && content[i + 1] == (byte)'\n'))
            {
                result.Add(content[i]);
            }
        }

        return [.. result];
    }

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
}
