using System.Security.Cryptography;
using System.Text;

namespace ShiftLeft.Portal.Core.Security;

/// <summary>Generation and hashing of high-entropy secrets (ingestion tokens, bootstrap codes).</summary>
internal static class SecretHasher
{
    /// <summary>
    /// SHA-256, lowercase hex. A plain hash (no salt, no stretching) is right for 256-bit random secrets: they cannot be
    /// guessed, so the hash only has to be one-way, and lookups stay O(1).
    /// </summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Constant-time comparison of two hex hashes.</summary>
    public static bool HashEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>URL-safe random text carrying <paramref name="bytes"/> bytes of entropy.</summary>
    public static string RandomUrlSafe(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Lowercase letters and digits only (for prefixes that must survive copy/paste and URLs).</summary>
    public static string RandomAlphanumeric(int length)
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyz23456789";
        return string.Create(length, alphabet, static (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
        });
    }

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
