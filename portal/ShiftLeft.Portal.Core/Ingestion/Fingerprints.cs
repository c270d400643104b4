using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// Stable finding identity. When the producer wrote an identity key (ShiftLeft's analyzers do:
/// <c>result.properties.customProperties.ShiftLeftIdentity</c> = rule, assembly, enclosing member's documentation ID and
/// a hash of the flagged code; so does the evidence gate's published run: rule, system, evidence kind, file and a hash of
/// the pointed line), SHA-256 over <c>v2 | rule | key</c>: neither the message, the path nor the line is an
/// input, so a reworded message or a method moved to another file keeps its finding and its triage. Otherwise, in the
/// spirit of GitHub's primaryLocationLineHash, SHA-256 over <c>v1 | rule | repository-relative path | normalised
/// context</c>, context = the region snippet (whitespace collapsed) when the producer wrote one, else the message with
/// whitespace collapsed and digit runs replaced by '0' (so counts and line numbers inside messages do not break
/// matching); the line number is not an input there either. Then the occurrence number of that input within the run
/// (the 2nd identical finding gets its own identity). One instance per upload (it counts occurrences).
/// </summary>
internal sealed class Fingerprints
{
    // Keyed by the upper 64 bits only (24 bytes an entry instead of 32, a third less for a 1M-result upload); a clash
    // between two distinct triples in one run (odds ~n²/2^65) would only number one of them as a second occurrence.
    private readonly Dictionary<ulong, int> _occurrences = new();
    private byte[] _scratch = new byte[1024];

    public FingerprintKey Compute(string ruleId, string path, string? snippet, string message, string? identity = null)
    {
        var keyed = !string.IsNullOrEmpty(identity);
        var context = keyed ? identity! : string.IsNullOrWhiteSpace(snippet) ? NormalizeMessage(message) : CollapseWhitespace(snippet);
        var length = 3 + Encoding.UTF8.GetMaxByteCount(ruleId.Length + path.Length + context.Length + 3);
        if (_scratch.Length < length) _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        var span = _scratch.AsSpan();
        var n = 0;
        (keyed ? "v2\0"u8 : "v1\0"u8).CopyTo(span);
        n += 3;
        n += Encoding.UTF8.GetBytes(ruleId, span[n..]);
        span[n++] = 0;
        if (!keyed)
        {
            n += Encoding.UTF8.GetBytes(path, span[n..]);
            span[n++] = 0;
        }

        n += Encoding.UTF8.GetBytes(context, span[n..]);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(span[..n], hash);
        var baseKey = FingerprintKey.FromBytes(hash);
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_occurrences, baseKey.High, out _);
        count++;
        if (count == 1) return baseKey;

        Span<byte> again = stackalloc byte[36];
        hash.CopyTo(again);
        BinaryPrimitives.WriteInt32BigEndian(again[32..], count);
        SHA256.HashData(again, hash);
        return FingerprintKey.FromBytes(hash);
    }

    internal static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c)) { pendingSpace = true; continue; }
            if (pendingSpace) { builder.Append(' '); pendingSpace = false; }
            builder.Append(c);
        }

        return builder.ToString();
    }

    internal static string NormalizeMessage(string message)
    {
        var builder = new StringBuilder(message.Length);
        var pendingSpace = false;
        var inDigits = false;
        foreach (var c in message.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c)) { pendingSpace = true; inDigits = false; continue; }
            if (pendingSpace) { builder.Append(' '); pendingSpace = false; }
            if (char.IsAsciiDigit(c))
            {
                if (!inDigits) builder.Append('0');
                inDigits = true;
                continue;
            }

            inDigits = false;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
