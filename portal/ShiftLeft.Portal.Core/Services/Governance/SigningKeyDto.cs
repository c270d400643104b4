namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>
/// The portal's public key for shiftleft.json: <see cref="PublicKey"/> is base64 SubjectPublicKeyInfo,
/// <see cref="TrustedKeyJson"/> the ready-made trustedKeys entry.
/// </summary>
public sealed record SigningKeyDto(string KeyId, string PublicKey, string Pem, DateTime CreatedAt)
{
    public string TrustedKeyJson => $$"""{ "id": "{{KeyId}}", "publicKey": "{{PublicKey}}" }""";
}
