using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>
/// Generates the portal's ECDSA P-256 key once and stores its private half encrypted with data protection (key ring in
/// the database, so every instance can sign); signs record payloads (SHA-256, IEEE P1363) as the gate verifies them.
/// The oldest key is the signing key, so two instances racing to create one agree on which signs.
/// </summary>
internal sealed class SigningKeyService(IDbContextFactory<PortalDbContext> factory, IDataProtectionProvider protection, TimeProvider clock) : ISigningKeyService
{
    private const string Purpose = "ShiftLeft.Portal.SigningKey.v1";

    public async Task<SigningKeyDto> GetPublicKeyAsync(CancellationToken cancellationToken = default)
    {
        var key = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var spki = Convert.FromBase64String(key.PublicKey);
        return new SigningKeyDto(key.Id, key.PublicKey, PemEncoding.WriteString("PUBLIC KEY", spki), key.CreatedAt);
    }

    /// <summary>Signs <paramref name="payload"/>; returns the key id and the base64 signature.</summary>
    public async Task<(string KeyId, string Signature)> SignAsync(Func<string, byte[]> payload, CancellationToken cancellationToken)
    {
        var key = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var pkcs8 = protection.CreateProtector(Purpose).Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey));
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            var signature = ecdsa.SignData(payload(key.Id), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            return (key.Id, Convert.ToBase64String(signature));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private async Task<PortalSigningKey> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var existing = await Oldest(db).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (existing is not null) return existing;

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = ecdsa.ExportSubjectPublicKeyInfo();
        var pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        var now = clock.GetUtcNow().UtcDateTime;
        // The id names the key (its hash), so a trustedKeys entry cannot be confused with another portal's.
        var id = "shiftleft-portal-" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(SHA256.HashData(spki))[..12];
        var key = new PortalSigningKey
        {
            Id = id,
            PublicKey = Convert.ToBase64String(spki),
            ProtectedPrivateKey = Convert.ToBase64String(protection.CreateProtector(Purpose).Protect(pkcs8)),
            CreatedAt = now,
        };
        CryptographicOperations.ZeroMemory(pkcs8);
        db.SigningKeys.Add(key);
        AuditWriter.Add(db, PortalActor.System, AuditActions.SigningKeyCreated, "signing-key", id, null, new { keyId = id, publicKey = key.PublicKey }, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return await Oldest(db).FirstAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IQueryable<PortalSigningKey> Oldest(PortalDbContext db) =>
        db.SigningKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id);
}
