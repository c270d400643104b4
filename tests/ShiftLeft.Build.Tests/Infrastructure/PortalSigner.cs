using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ShiftLeft.Build.Governance;

namespace ShiftLeft.Build.Tests.Infrastructure;

/// <summary>
/// Signs records the way the portal will: an ECDSA P-256 key (made per test run, never stored), the payload of
/// <see cref="SignedRecordPayload"/>, a SHA-256 signature in IEEE P1363 form, base64. The portal's implementation
/// must produce records this gate accepts — these tests are that contract.
/// </summary>
public sealed class PortalSigner : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public PortalSigner(string keyId = "portal-test") => KeyId = keyId;

    public string KeyId { get; }

    /// <summary>The public key as trustedKeys takes it: base64 SubjectPublicKeyInfo.</summary>
    public string PublicKey => Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());

    /// <summary>The policy's trustedKeys entry for this key.</summary>
    public string TrustedKeyJson => $$"""{ "id": "{{KeyId}}", "publicKey": "{{PublicKey}}" }""";

    /// <summary>An exported sign-off record, as JSON text.</summary>
    public string SignOff(string system, string evidenceSha256, DateTimeOffset signedAt, string signer = "Rita Reviewer <rita@example.com>", string comment = "Evaluation and red team reviewed; release approved.", string commit = "0123abcd0123abcd0123abcd0123abcd0123abcd")
    {
        var at = Timestamp(signedAt);
        var payload = SignedRecordPayload.Of(SignedRecordPayload.SignOffFormat, SignedRecordPayload.SignOffFields(system, commit, evidenceSha256, signer, at, comment, KeyId));
        return new JsonObject
        {
            ["$schema"] = "https://shiftleft-dotnet.github.io/shiftleft/schema/shiftleft-signoff.schema.json",
            ["format"] = SignedRecordPayload.SignOffFormat,
            ["version"] = SignedRecordPayload.Version,
            ["system"] = system,
            ["commit"] = commit,
            ["evidenceSha256"] = evidenceSha256,
            ["signer"] = signer,
            ["signedAt"] = at,
            ["comment"] = comment,
            ["keyId"] = KeyId,
            ["signature"] = Sign(payload),
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>An exported approved-exception record, as JSON text.</summary>
    public string Exception(string system, string requirement, string requestedBy, string approvedBy, DateTimeOffset approvedAt, DateOnly expires, string reason = "External red team booked for January", params string[] risks)
    {
        var at = Timestamp(approvedAt);
        var until = expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var payload = SignedRecordPayload.Of(SignedRecordPayload.ExceptionFormat, SignedRecordPayload.ExceptionFields(system, requirement, reason, requestedBy, approvedBy, at, until, risks, KeyId));
        return new JsonObject
        {
            ["format"] = SignedRecordPayload.ExceptionFormat,
            ["version"] = SignedRecordPayload.Version,
            ["system"] = system,
            ["requirement"] = requirement,
            ["reason"] = reason,
            ["requestedBy"] = requestedBy,
            ["approvedBy"] = approvedBy,
            ["approvedAt"] = at,
            ["expires"] = until,
            ["risks"] = new JsonArray(risks.Select(r => (JsonNode)r!).ToArray()),
            ["keyId"] = KeyId,
            ["signature"] = Sign(payload),
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public void Dispose() => _key.Dispose();

    private string Sign(byte[] payload) => Convert.ToBase64String(_key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    private static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
