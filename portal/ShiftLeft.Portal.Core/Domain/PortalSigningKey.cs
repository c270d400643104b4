namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// The portal's ECDSA P-256 key for exported records. Generated once; the private key is stored encrypted with ASP.NET
/// Core data protection (whose key ring is in the same database), the public key as base64 SubjectPublicKeyInfo, which
/// is what shiftleft.json's trustedKeys takes.
/// </summary>
public class PortalSigningKey
{
    /// <summary>The key id records name (<c>keyId</c>) and trustedKeys lists.</summary>
    public required string Id { get; set; }
    public required string PublicKey { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
}
