using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShiftLeft.Build.Governance;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>
/// The records the gate reads offline (docs/schema/shiftleft-signoff.schema.json, shiftleft-exception.schema.json): the
/// payload their signature covers (<see cref="SignedRecordPayload"/>, the gate's own code) and their JSON.
/// </summary>
internal static class ExportedRecords
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant truncated to whole seconds, as records write it.</summary>
    public static DateTime Seconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    public static byte[] SignOffPayload(ReleaseSignOff s, string keyId) =>
        SignedRecordPayload.Of(SignedRecordPayload.SignOffFormat, SignedRecordPayload.SignOffFields(s.SystemName, s.Commit, s.EvidenceSha256, s.Signer, Instant(s.SignedAt), s.Comment, keyId));

    public static byte[] ExceptionPayload(RiskAcceptance a, string keyId) =>
        SignedRecordPayload.Of(SignedRecordPayload.ExceptionFormat, SignedRecordPayload.ExceptionFields(
            a.SystemName!, a.Requirement!, a.Reason, a.RequestedByName, a.DecidedByName!, Instant(a.DecidedAt!.Value), Day(a.Expires), RiskIds.Split(a.Risks), keyId));

    public static SignedRecord SignOff(ReleaseSignOff s) => new(
        $"{s.SystemName}.signoff.json",
        new JsonObject
        {
            ["$schema"] = DocumentationLinks.Schema("shiftleft-signoff.schema.json"),
            ["format"] = SignedRecordPayload.SignOffFormat,
            ["version"] = SignedRecordPayload.Version,
            ["system"] = s.SystemName,
            ["commit"] = s.Commit,
            ["evidenceSha256"] = s.EvidenceSha256,
            ["signer"] = s.Signer,
            ["signedAt"] = Instant(s.SignedAt),
            ["comment"] = s.Comment,
            ["keyId"] = s.KeyId,
            ["signature"] = s.Signature,
        }.ToJsonString(Indented) + "\n");

    public static SignedRecord Exception(RiskAcceptance a) => new(
        $"{a.SystemName}.{a.Requirement}.exception-{a.Id.ToString(CultureInfo.InvariantCulture)}.json",
        new JsonObject
        {
            ["$schema"] = DocumentationLinks.Schema("shiftleft-exception.schema.json"),
            ["format"] = SignedRecordPayload.ExceptionFormat,
            ["version"] = SignedRecordPayload.Version,
            ["system"] = a.SystemName,
            ["requirement"] = a.Requirement,
            ["reason"] = a.Reason,
            ["requestedBy"] = a.RequestedByName,
            ["approvedBy"] = a.DecidedByName,
            ["approvedAt"] = Instant(a.DecidedAt!.Value),
            ["expires"] = Day(a.Expires),
            ["risks"] = new JsonArray(RiskIds.Split(a.Risks).Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
            ["keyId"] = a.KeyId,
            ["signature"] = a.Signature,
        }.ToJsonString(Indented) + "\n");
}
