using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// Reads a <c>shiftleft-evidence.json</c> (schema 1.x, written by the ShiftLeft.Build evidence gate). The report is
/// small (limit: Portal:Ingestion:MaxEvidenceBytes), so it is read whole: strictly as UTF-8 (invalid bytes and UTF-16
/// are refused, a UTF-8 byte order mark is skipped), then every string loses its control characters (reported as a
/// warning; in the system's name, its identity, they are refused) and is redacted for personal data before anything is
/// kept. Unknown properties are tolerated; known ones are type-checked with their JSON path.
/// </summary>
internal static partial class EvidenceReportParser
{
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
            Clean(report, "$", stripped);
        }
        catch (InvalidOperationException ex)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but no text: System.Text.Json refuses to decode it.
            throw Bad($"a string is not valid Unicode text ({ex.Message}).");
        }

        var schema = RequiredString(report, "schemaVersion");
        if (!schema.StartsWith("1.", StringComparison.Ordinal) && schema != "1")
            throw Bad($"schemaVersion '{schema}' is not supported; this portal reads 1.x.", "$.schemaVersion");
        var system = RequiredObject(report, "system");
        var gate = RequiredObject(report, "gate");
        var tool = OptionalObject(report, "tool");
        var model = OptionalObject(report, "model");

        var requirements = new List<ParsedRequirement>();
        foreach (var (item, path) in OptionalArray(report, "requirements"))
        {
            var kind = RequiredString(item, "kind", path);
            var statusText = RequiredString(item, "status", path);
            var status = statusText switch
            {
                "present" => EvidenceStatus.Present,
                "missing" => EvidenceStatus.Missing,
                "invalid" => EvidenceStatus.Invalid,
                "failing" => EvidenceStatus.Failing,
                "stale" => EvidenceStatus.Stale,
                "excepted" => EvidenceStatus.Excepted,
                _ => throw Bad($"{path}.status '{statusText}' is not one of present, missing, invalid, failing, stale, excepted.", $"{path}.status"),
            };
            var exception = OptionalObject(item, "exception", path);
            var messages = OptionalArrayValues(item, "messages", path).Select(m => m.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : m.ToJsonString()).ToList();
            requirements.Add(new ParsedRequirement(
                kind, status,
                OptionalString(item, "path", path), OptionalString(item, "sha256", path), OptionalDate(item, "lastModified", path),
                OptionalNumber(item, "ageDays", path), OptionalString(item, "certifiedModelId", path), OptionalString(item, "certifiedPromptHash", path),
                exception is null ? null : OptionalString(exception, "reason", path + ".exception"),
                exception is null ? null : OptionalString(exception, "approvedBy", path + ".exception"),
                exception is null ? null : OptionalDate(exception, "expires", path + ".exception"),
                messages));
        }

        var metrics = new List<ParsedMetric>();
        foreach (var (item, path) in OptionalArray(report, "metrics"))
        {
            metrics.Add(new ParsedMetric(RequiredString(item, "name", path), OptionalNumber(item, "value", path), OptionalThreshold(item, "threshold", path),
                RequiredBool(item, "passed", path), OptionalString(item, "source", path)));
        }

        var json = report.ToJsonString();
        var warnings = stripped.Warning($"the evidence report of '{system["name"]}'") is { } warning ? new[] { warning } : [];
        return new ParsedEvidence(
            schema,
            OptionalDate(report, "generatedAt", "$"),
            tool is null ? null : OptionalString(tool, "name", "$.tool"),
            tool is null ? null : OptionalString(tool, "version", "$.tool"),
            OptionalString(report, "project", "$"),
            OptionalString(report, "commit", "$"),
            Limit(RequiredString(system, "name", "$.system"), 200, "$.system.name"),
            OptionalString(system, "owner", "$.system"),
            OptionalString(system, "riskTier", "$.system"),
            model is null ? null : OptionalString(model, "id", "$.model"),
            model is null ? null : OptionalString(model, "promptHash", "$.model"),
            RequiredBool(gate, "passed", "$.gate"),
            OptionalString(gate, "severity", "$.gate"),
            requirements,
            metrics,
            json,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))),
            warnings);
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
        "threshold", "severity", "code", "file", "format", "policy", "source", "promptFiles",
    };

    /// <summary>Removes control characters from every string (counting them) and redacts personal data outside <see cref="StructuredFields"/>.</summary>
    private static void Clean(JsonNode node, string path, StrippedControlCharacters stripped)
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
                        Clean(child, childPath, stripped);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    var childPath = $"{path}[{i}]";
                    if (child is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                        array[i] = PersonalDataRedactor.Redact(stripped.Clean(value.GetValue<string>(), childPath));
                    else if (child is not null) Clean(child, childPath, stripped);
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

    private static string Limit(string value, int max, string path) =>
        value.Length <= max ? value : throw Bad($"{path} is longer than {max} characters.", path);

    private static JsonObject RequiredObject(JsonObject parent, string name) =>
        parent[name] as JsonObject ?? throw Bad($"$.{name} is required and must be an object.", $"$.{name}");

    private static JsonObject? OptionalObject(JsonObject parent, string name, string path = "$") => parent[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Bad($"{path}.{name} must be an object.", $"{path}.{name}"),
    };

    private static IEnumerable<(JsonObject Item, string Path)> OptionalArray(JsonObject parent, string name)
    {
        if (parent[name] is null) return [];
        if (parent[name] is not JsonArray array) throw Bad($"$.{name} must be an array.", $"$.{name}");
        return array.Select((item, i) => (item as JsonObject ?? throw Bad($"$.{name}[{i}] must be an object.", $"$.{name}[{i}]"), $"$.{name}[{i}]")).ToList();
    }

    private static IEnumerable<JsonNode> OptionalArrayValues(JsonObject parent, string name, string path)
    {
        if (parent[name] is null) return [];
        if (parent[name] is not JsonArray array) throw Bad($"{path}.{name} must be an array.", $"{path}.{name}");
        return array.Where(n => n is not null).Select(n => n!);
    }

    private static string RequiredString(JsonObject parent, string name, string path = "$") =>
        OptionalString(parent, name, path) is { Length: > 0 } value ? value : throw Bad($"{path}.{name} is required and must be a non-empty string.", $"{path}.{name}");

    private static string? OptionalString(JsonObject parent, string name, string path)
    {
        var node = parent[name];
        if (node is null) return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        throw Bad($"{path}.{name} must be a string.", $"{path}.{name}");
    }

    private static bool RequiredBool(JsonObject parent, string name, string path)
    {
        var node = parent[name];
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        throw Bad($"{path}.{name} is required and must be true or false.", $"{path}.{name}");
    }

    /// <summary>
    /// A metric's threshold as the gate writes it: the policy's expression (<c>"&gt;= 4"</c>, <c>"&lt;= 0.01"</c>) or a bare
    /// number. The bound is kept; whether the value passed is the gate's <c>passed</c>, and the raw report keeps the operator.
    /// </summary>
    private static double? OptionalThreshold(JsonObject parent, string name, string path)
    {
        if (parent[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var match = ThresholdExpression().Match(v.GetValue<string>());
            return match.Success && double.TryParse(match.Groups["bound"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) && double.IsFinite(bound)
                ? bound
                : throw Bad($"{path}.{name} '{v.GetValue<string>()}' is not a threshold: write a number or an expression such as \">= 4\".", $"{path}.{name}");
        }

        return OptionalNumber(parent, name, path);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:>=|<=|==|!=|>|<)?\s*(?<bound>[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ThresholdExpression();

    private static double? OptionalNumber(JsonObject parent, string name, string path)
    {
        var node = parent[name];
        if (node is null) return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            var number = v.GetValue<double>();
            return double.IsFinite(number) ? number : throw Bad($"{path}.{name} must be a finite number.", $"{path}.{name}");
        }

        throw Bad($"{path}.{name} must be a number.", $"{path}.{name}");
    }

    private static DateTime? OptionalDate(JsonObject parent, string name, string path)
    {
        var text = OptionalString(parent, name, path);
        if (text is null) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : throw Bad($"{path}.{name} '{text}' is not an ISO 8601 date.", $"{path}.{name}");
    }
}

internal sealed record ParsedEvidence(
    string SchemaVersion,
    DateTime? GeneratedAt,
    string? ToolName,
    string? ToolVersion,
    string? Project,
    string? Commit,
    string SystemName,
    string? Owner,
    string? RiskTier,
    string? ModelId,
    string? PromptHash,
    bool GatePassed,
    string? GateSeverity,
    IReadOnlyList<ParsedRequirement> Requirements,
    IReadOnlyList<ParsedMetric> Metrics,
    string RedactedJson,
    string Sha256,
    IReadOnlyList<string> Warnings);

internal sealed record ParsedRequirement(
    string Kind,
    EvidenceStatus Status,
    string? Path,
    string? Sha256,
    DateTime? LastModified,
    double? AgeDays,
    string? CertifiedModelId,
    string? CertifiedPromptHash,
    string? ExceptionReason,
    string? ExceptionApprovedBy,
    DateTime? ExceptionExpires,
    IReadOnlyList<string> Messages);

internal sealed record ParsedMetric(string Name, double? Value, double? Threshold, bool Passed, string? Source);
