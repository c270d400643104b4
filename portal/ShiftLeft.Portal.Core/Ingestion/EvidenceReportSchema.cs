using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// The evidence report's contract with the gate: docs/schema/shiftleft-evidence.schema.json, embedded in this assembly.
/// A report that breaks it is refused with the first violation, said in words that name the field (<c>$.gate is required</c>,
/// <c>$.requirements[1].status 'lost' is not one of present, missing, …</c>) and carried in the problem's <c>field</c>.
/// </summary>
internal static class EvidenceReportSchema
{
    private const string ResourceName = "ShiftLeft.Portal.Core.schemas.shiftleft-evidence.schema.json";

    /// <summary>The schema document itself, for reading a failing keyword's constraint (enum values, types, required names).</summary>
    internal static JsonNode Document { get; } = JsonNode.Parse(Read())!;

    private static readonly JsonSchema Schema = JsonSchema.FromText(Read(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>The status vocabulary the schema allows for a requirement (the gate's; <see cref="Domain.EvidenceStatus"/> spells the same words).</summary>
    internal static IReadOnlyList<string> RequirementStatuses =>
        Document["properties"]!["requirements"]!["items"]!["properties"]!["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

    /// <summary>Null when the report satisfies the schema, else the first violation as an ingestion error naming its field.</summary>
    /// <remarks>The caller has checked <c>schemaVersion</c> is 1.x; a later 1.x only adds fields, so its version is not held against it.</remarks>
    public static IngestionException? Check(JsonObject report)
    {
        using var instance = JsonDocument.Parse(report.ToJsonString());
        if (Schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid) return null;
        var results = Schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is not { Count: > 0 } errors) continue;
            var location = Segments(detail.InstanceLocation.ToString());
            // The subschema that judged this location, found by walking the schema along the instance path (the schema has no
            // $ref or combinators, and the library's reported schema paths repeat applicator steps).
            var constraint = SchemaAt(location);
            foreach (var keyword in errors.Keys)
            {
                if (keyword == "const" && location is ["schemaVersion"]) continue;
                if (Describe(keyword, location, Resolve(report, location), constraint) is { } error) return error;
            }
        }

        return Bad("$", "the report does not match the evidence report schema.");
    }

    private static IngestionException? Describe(string keyword, IReadOnlyList<string> location, JsonNode? value, JsonNode? constraint)
    {
        var path = JsonPath(location);
        switch (keyword)
        {
            case "required":
                var present = value as JsonObject;
                var missing = constraint?["required"]?.AsArray().Select(n => n!.GetValue<string>()).FirstOrDefault(name => present?.ContainsKey(name) != true);
                return missing is null ? null : Bad($"{path}.{missing}", $"{path}.{missing} is required.");
            case "enum":
                var allowed = constraint?["enum"]?.AsArray().Select(n => n?.ToJsonString().Trim('"') ?? "null") ?? [];
                return Bad(path, $"{path} '{Shown(value)}' is not one of {string.Join(", ", allowed)}.");
            case "const":
                return Bad(path, $"{path} must be {constraint?["const"]?.ToJsonString()}.");
            case "type":
                var types = constraint?["type"] is JsonArray many ? many.Select(t => t!.GetValue<string>()) : [constraint?["type"]?.GetValue<string>() ?? "?"];
                return Bad(path, $"{path} must be {string.Join(" or ", types.Select(Article))}.");
            case "pattern":
                return Bad(path, $"{path} '{Shown(value)}' does not have the required form {constraint?["pattern"]?.GetValue<string>()}.");
            case "$ref" or "allOf" or "anyOf" or "oneOf" or "properties" or "items":
                // Containers only repeat what a deeper location reports.
                return null;
            default:
                return Bad(path, $"{path} does not satisfy the schema's '{keyword}'.");
        }
    }

    private static string Article(string type) => type switch
    {
        "string" => "a string",
        "number" => "a number",
        "integer" => "an integer",
        "boolean" => "true or false",
        "object" => "an object",
        "array" => "an array",
        _ => type,
    };

    private static string Shown(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "null";

    private static IngestionException Bad(string field, string detail) => new(IngestionErrorKind.MalformedEvidence, "Evidence report: " + detail) { Field = field };

    /// <summary>"$", "$.requirements[1].status": the path notation of the portal's other evidence errors.</summary>
    private static string JsonPath(IReadOnlyList<string> segments) =>
        "$" + string.Concat(segments.Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{s}]" : "." + s));

    private static List<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer.TrimStart('#').Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();

    private static JsonNode? SchemaAt(IReadOnlyList<string> location)
    {
        JsonNode? schema = Document;
        foreach (var segment in location)
        {
            schema = int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? schema?["items"] : schema?["properties"]?[segment];
        }

        return schema;
    }

    private static JsonNode? Resolve(JsonNode? node, IReadOnlyList<string> segments)
    {
        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    private static string Read()
    {
        using var stream = typeof(EvidenceReportSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The evidence report schema is not embedded in {typeof(EvidenceReportSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
