using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// Reads a <c>shiftleft-evidence.json</c> (schema 1.x, written by the ShiftLeft.Build evidence gate). The report is
/// small (limit: Portal:Ingestion:MaxEvidenceBytes), so it is parsed whole; every string is redacted for personal data
/// before anything is kept. Unknown properties are tolerated; known ones are type-checked with their JSON path.
/// </summary>
internal static partial class EvidenceReportParser
{
    public static ParsedEvidence Parse(Stream stream, int maxDepth)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException ex)
        {
            throw Bad($"not valid JSON at line {(ex.LineNumber ?? 0) + 1}, byte {ex.BytePositionInLine ?? 0}: {TrimPosition(ex.Message)}");
        }

        if (root is not JsonObject report) throw Bad("the report must be a JSON object.");
        Redact(report);

        var schema = RequiredString(report, "schemaVersion");
        if (!schema.StartsWith("1.", StringComparison.Ordinal) && schema != "1")
            throw Bad($"schemaVersion '{schema}' is not supported; this portal reads 1.x.");
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
                _ => throw Bad($"{path}.status '{statusText}' is not one of present, missing, invalid, failing, stale, excepted."),
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
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))));
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

    private static void Redact(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (StructuredFields.Contains(key)) continue;
                    var child = obj[key];
                    if (child is JsonValue value && value.GetValueKind() == JsonValueKind.String) obj[key] = PersonalDataRedactor.Redact(value.GetValue<string>());
                    else if (child is not null) Redact(child);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    if (child is JsonValue value && value.GetValueKind() == JsonValueKind.String) array[i] = PersonalDataRedactor.Redact(value.GetValue<string>());
                    else if (child is not null) Redact(child);
                }

                break;
        }
    }

    private static IngestionException Bad(string detail) => new(IngestionErrorKind.MalformedEvidence, "Evidence report: " + detail);

    private static string TrimPosition(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string Limit(string value, int max, string path) =>
        value.Length <= max ? value : throw Bad($"{path} is longer than {max} characters.");

    private static JsonObject RequiredObject(JsonObject parent, string name) =>
        parent[name] as JsonObject ?? throw Bad($"$.{name} is required and must be an object.");

    private static JsonObject? OptionalObject(JsonObject parent, string name, string path = "$") => parent[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Bad($"{path}.{name} must be an object."),
    };

    private static IEnumerable<(JsonObject Item, string Path)> OptionalArray(JsonObject parent, string name)
    {
        if (parent[name] is null) return [];
        if (parent[name] is not JsonArray array) throw Bad($"$.{name} must be an array.");
        return array.Select((item, i) => (item as JsonObject ?? throw Bad($"$.{name}[{i}] must be an object."), $"$.{name}[{i}]")).ToList();
    }

    private static IEnumerable<JsonNode> OptionalArrayValues(JsonObject parent, string name, string path)
    {
        if (parent[name] is null) return [];
        if (parent[name] is not JsonArray array) throw Bad($"{path}.{name} must be an array.");
        return array.Where(n => n is not null).Select(n => n!);
    }

    private static string RequiredString(JsonObject parent, string name, string path = "$") =>
        OptionalString(parent, name, path) is { Length: > 0 } value ? value : throw Bad($"{path}.{name} is required and must be a non-empty string.");

    private static string? OptionalString(JsonObject parent, string name, string path)
    {
        var node = parent[name];
        if (node is null) return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        throw Bad($"{path}.{name} must be a string.");
    }

    private static bool RequiredBool(JsonObject parent, string name, string path)
    {
        var node = parent[name];
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        throw Bad($"{path}.{name} is required and must be true or false.");
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
                : throw Bad($"{path}.{name} '{v.GetValue<string>()}' is not a threshold: write a number or an expression such as \">= 4\".");
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
            return double.IsFinite(number) ? number : throw Bad($"{path}.{name} must be a finite number.");
        }

        throw Bad($"{path}.{name} must be a number.");
    }

    private static DateTime? OptionalDate(JsonObject parent, string name, string path)
    {
        var text = OptionalString(parent, name, path);
        if (text is null) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : throw Bad($"{path}.{name} '{text}' is not an ISO 8601 date.");
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
    string Sha256);

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
