using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// Reads a <c>shiftleft-evidence.json</c> (schema 1.x, written by the ShiftLeft.Build evidence gate). The report is small
/// (limit: Portal:Ingestion:MaxEvidenceBytes), so it is read whole: strictly as UTF-8 (invalid bytes and UTF-16 are refused,
/// a UTF-8 byte order mark is skipped); every string loses its control characters (reported as a warning; in the system's
/// name, its identity, they are refused) and is redacted for personal data; then the report must satisfy the gate's schema
/// (<see cref="EvidenceReportSchema"/>) and is read as typed records (<see cref="EvidenceReportDocument"/>). Unknown fields are
/// tolerated and kept in the stored JSON.
/// </summary>
internal static class EvidenceReportParser
{
    private static readonly JsonSerializerOptions Typed = new(JsonSerializerDefaults.Web)
    {
        // The schema's words for a requirement's status are EvidenceStatus's names in camel case.
        Converters = { new JsonStringEnumConverter<EvidenceStatus>(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static ParsedEvidence Parse(Stream stream, int maxDepth)
    {
        var bytes = Utf8Document(stream);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException ex)
        {
            throw Bad($"not valid JSON at line {(ex.LineNumber ?? 0) + 1}, byte {ex.BytePositionInLine ?? 0}: {TrimPosition(ex.Message)}");
        }

        if (root is not JsonObject report) throw Bad("the report must be a JSON object.");
        var stripped = new StrippedControlCharacters();
        try
        {
            if (report["system"] is JsonObject identity && identity["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String
                && name.GetValue<string>().Any(char.IsControl))
                throw Bad("$.system.name contains control characters; the system's name is its identity.", "$.system.name");
            Clean(report, "$", structured: false, stripped);
        }
        catch (InvalidOperationException ex)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but no text: System.Text.Json refuses to decode it.
            throw Bad($"a string is not valid Unicode text ({ex.Message}).");
        }

        var schema = report["schemaVersion"] is JsonValue version && version.GetValueKind() == JsonValueKind.String ? version.GetValue<string>() : null;
        if (schema is null) throw Bad("$.schemaVersion is required and must be a string such as \"1.0\".", "$.schemaVersion");
        if (!schema.StartsWith("1.", StringComparison.Ordinal) && schema != "1")
            throw Bad($"schemaVersion '{schema}' is not supported; this portal reads 1.x.", "$.schemaVersion");
        if (EvidenceReportSchema.Check(report) is { } violation) throw violation;

        EvidenceReportDocument document;
        try
        {
            document = report.Deserialize<EvidenceReportDocument>(Typed)!;
        }
        catch (JsonException ex)
        {
            throw Bad($"{ex.Path} {TrimPosition(ex.Message)}", ex.Path);
        }

        if (document.System.Name.Length > 200) throw Bad("$.system.name is longer than 200 characters.", "$.system.name");
        var json = report.ToJsonString();
        var warnings = stripped.Warning($"the evidence report of '{document.System.Name}'") is { } warning ? new[] { warning } : [];
        return new ParsedEvidence(document, json, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))), warnings);
    }

    /// <summary>The whole report as UTF-8 bytes without a byte order mark; refuses UTF-16 and invalid UTF-8, naming the byte.</summary>
    private static byte[] Utf8Document(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw Bad("the report is UTF-16; upload it as UTF-8.");
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        if (System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            throw Bad($"byte {read} is not valid UTF-8: save the report as UTF-8 (invalid bytes are refused, not replaced).");
        return bytes.ToArray();
    }

    /// <summary>
    /// Fields whose values are identifiers, dates, hashes or paths written by the gate, not free text: redacting them
    /// would corrupt them (a date reads like a phone number, a model id ends in a date). Everything else — messages,
    /// reasons, approvers, owners and any field this version does not know — is redacted.
    /// </summary>
    private static readonly HashSet<string> StructuredFields = new(StringComparer.Ordinal)
    {
        "schemaVersion", "generatedAt", "version", "project", "commit", "riskTier", "id", "promptHash", "kind", "status",
        "path", "sha256", "lastModified", "evidenceDate", "certifiedModelId", "certifiedPromptHash", "expires",
        "threshold", "severity", "code", "file", "format", "policy", "source", "promptFiles", "dateSource", "datedAt", "stampedAt",
        "selectedBy", "ignored",
    };

    /// <summary>
    /// Removes control characters from every string (counting them) and redacts personal data outside <see cref="StructuredFields"/>;
    /// an array's strings are structured when the array's field is (prompt files, ignored executions).
    /// </summary>
    private static void Clean(JsonNode node, string path, bool structured, StrippedControlCharacters stripped)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    var childPath = $"{path}.{key}";
                    if (child is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        var text = stripped.Clean(value.GetValue<string>(), childPath)!;
                        obj[key] = StructuredFields.Contains(key) ? text : PersonalDataRedactor.Redact(text);
                    }
                    else if (child is not null)
                    {
                        Clean(child, childPath, StructuredFields.Contains(key), stripped);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    var childPath = $"{path}[{i}]";
                    if (child is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        var text = stripped.Clean(value.GetValue<string>(), childPath);
                        array[i] = structured ? text : PersonalDataRedactor.Redact(text);
                    }
                    else if (child is not null)
                    {
                        Clean(child, childPath, structured: false, stripped);
                    }
                }

                break;
        }
    }

    private static IngestionException Bad(string detail, string? field = null) =>
        new(IngestionErrorKind.MalformedEvidence, "Evidence report: " + detail) { Field = field };

    private static string TrimPosition(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
