using System.Security.Cryptography;

namespace ShiftLeft.Build.Governance;

/// <summary>
/// A public key the policy trusts to sign exported records: ECDSA on NIST P-256 with SHA-256 (built into .NET, no
/// extra package), given as a base64 SubjectPublicKeyInfo or a PEM "PUBLIC KEY" block. Only the public half is ever
/// in the repository; the portal keeps the private one.
/// </summary>
public sealed record TrustedKey(string Id, byte[] SubjectPublicKeyInfo, string Pointer)
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The key, or null with a clause saying why the text is not a P-256 public key.</summary>
    public static TrustedKey? Parse(string id, string text, string pointer, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        byte[] spki;
        byte[] buffer;
        try
        {
            using var key = ECDsa.Create();
            if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                key.ImportFromPem(trimmed);
            }
            else if (Convert.TryFromBase64String(trimmed, buffer = new byte[trimmed.Length], out var length))
            {
                key.ImportSubjectPublicKeyInfo(buffer.AsSpan(0, length), out _);
            }
            else
            {
                problem = "it is neither base64 nor a PEM block";
                return null;
            }

            var parameters = key.ExportParameters(false);
            if (key.KeySize != 256 || (parameters.Curve.Oid?.Value is { } oid && oid != P256Oid))
            {
                problem = $"it is an EC key on another curve ({key.KeySize} bits); the portal signs with P-256";
                return null;
            }

            spki = key.ExportSubjectPublicKeyInfo();
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
        {
            problem = "it is not an EC public key (SubjectPublicKeyInfo, as `openssl ec -pubout` writes it)";
            return null;
        }

        return new TrustedKey(id, spki, pointer);
    }

    /// <summary>Whether <paramref name="signature"/> (IEEE P1363 r‖s, or DER) is this key's ECDSA-SHA256 signature of <paramref name="payload"/>.</summary>
    public bool Verifies(byte[] payload, byte[] signature)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(SubjectPublicKeyInfo, out _);
            var format = signature.Length == 64 ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence;
            return key.VerifyData(payload, signature, HashAlgorithmName.SHA256, format);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
