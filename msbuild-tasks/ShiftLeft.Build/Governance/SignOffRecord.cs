using System.Text.Json;
using ShiftLeft.Build.Evidence;
using ShiftLeft.Build.Json;

namespace ShiftLeft.Build.Governance;

/// <summary>
/// A release sign-off exported from the portal (docs/schema/shiftleft-signoff.schema.json), read but not yet
/// verified: <see cref="Payload"/> is what its signature must cover.
/// </summary>
public sealed record SignOffRecord(string System, string Commit, string EvidenceSha256, string Signer, string SignedAtText, DateTimeOffset SignedAt, string Comment, string KeyId, byte[]? Signature, JsonLocator Locator)
{
    /// <summary>The bytes the portal signed.</summary>
    public byte[] Payload() => SignedRecordPayload.Of(SignedRecordPayload.SignOffFormat, SignedRecordPayload.SignOffFields(System, Commit, EvidenceSha256, Signer, SignedAtText, Comment, KeyId));

    /// <summary>Where a field is written in the record.</summary>
    public Diagnostics.SourceLocation Locate(string field) => Locator.Locate("/" + field);

    /// <summary>Reads a schema-valid record; null with a clause when its time is no calendar instant.</summary>
    public static SignOffRecord? Read(JsonSourceDocument document, out string? problem)
    {
        var root = document.Root;
        string Text(string name) => root.GetProperty(name).GetString()!;
        var signedAt = Text("signedAt");
        if (!EvidenceDates.TryParse(signedAt, out var at))
        {
            problem = $"its signedAt '{signedAt}' is not a real instant";
            return null;
        }

        var signature = Text("signature");
        var bytes = new byte[signature.Length];
        problem = null;
        return new SignOffRecord(
            Text("system"), Text("commit"), Text("evidenceSha256"), Text("signer"), signedAt, at, Text("comment"), Text("keyId"),
            Convert.TryFromBase64String(signature, bytes, out var length) ? bytes.AsSpan(0, length).ToArray() : null,
            document.Locator);
    }
}
