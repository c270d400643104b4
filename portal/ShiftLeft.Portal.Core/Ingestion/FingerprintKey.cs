using System.Buffers.Binary;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>A 128-bit fingerprint as two integers (dictionary key) and as 32 hex characters (stored).</summary>
internal readonly record struct FingerprintKey(ulong High, ulong Low)
{
    public string ToHex() => string.Create(32, this, static (span, key) =>
    {
        key.High.TryFormat(span, out _, "x16");
        key.Low.TryFormat(span[16..], out _, "x16");
    });

    public static bool TryParse(string hex, out FingerprintKey key)
    {
        key = default;
        if (hex.Length != 32) return false;
        if (!ulong.TryParse(hex.AsSpan(0, 16), System.Globalization.NumberStyles.HexNumber, null, out var high)) return false;
        if (!ulong.TryParse(hex.AsSpan(16), System.Globalization.NumberStyles.HexNumber, null, out var low)) return false;
        key = new FingerprintKey(high, low);
        return true;
    }

    public static FingerprintKey FromBytes(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
}
