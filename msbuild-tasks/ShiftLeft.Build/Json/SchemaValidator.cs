using System.Text.Json;
using Json.Schema;
using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Json;

/// <summary>
/// Validates documents against the JSON Schemas shipped in docs/schema (embedded in this assembly). A schema node may
/// carry <c>errorMessage</c> (the keyword VS Code's JSON editor shows too): what a value there must be, said once for
/// the editor and the build. A violation reports it with the value found (or the properties missing), so a message
/// says what is expected instead of a validator's "the string value is not a match for the indicated regular expression".
/// </summary>
public sealed class SchemaValidator
{
    /// <summary>The annotation a schema node uses to say what its value must be.</summary>
    public const string ErrorMessageKeyword = "errorMessage";

    private static readonly Dictionary<string, Lazy<SchemaValidator>> Cache = new(StringComparer.Ordinal)
    {
        ["shiftleft.schema.json"] = new(() => Load("shiftleft.schema.json")),
        ["shiftleft-evaluation.schema.json"] = new(() => Load("shiftleft-evaluation.schema.json")),
        ["shiftleft-risk-register.schema.json"] = new(() => Load("shiftleft-risk-register.schema.json")),
        ["shiftleft-stamp.schema.json"] = new(() => Load("shiftleft-stamp.schema.json")),
        ["shiftleft-signoff.schema.json"] = new(() => Load("shiftleft-signoff.schema.json")),
        ["shiftleft-exception.schema.json"] = new(() => Load("shiftleft-exception.schema.json")),
        ["shiftleft-baseline.schema.json"] = new(() => Load("shiftleft-baseline.schema.json", "shiftleft-evidence.schema.json")),
    };

    private readonly JsonSchema _schema;

    // The schema texts by $id, to read a failing node's errorMessage and allowed properties.
    private readonly IReadOnlyDictionary<string, JsonElement> _nodes;

    private SchemaValidator(string fileName, JsonSchema schema, IReadOnlyDictionary<string, JsonElement> nodes)
    {
        _schema = schema;
        _nodes = nodes;
        Url = DocumentationLinks.Schema(fileName);
    }

    /// <summary>The policy schema.</summary>
    public static SchemaValidator Policy => Cache["shiftleft.schema.json"].Value;

    /// <summary>ShiftLeft's own evaluation-results schema.</summary>
    public static SchemaValidator Evaluation => Cache["shiftleft-evaluation.schema.json"].Value;

    /// <summary>The risk-register schema.</summary>
    public static SchemaValidator RiskRegister => Cache["shiftleft-risk-register.schema.json"].Value;

    /// <summary>The stamp sidecar schema.</summary>
    public static SchemaValidator Stamp => Cache["shiftleft-stamp.schema.json"].Value;

    /// <summary>The release sign-off record exported from the portal.</summary>
    public static SchemaValidator SignOff => Cache["shiftleft-signoff.schema.json"].Value;

    /// <summary>The approved-exception record exported from the portal.</summary>
    public static SchemaValidator ExceptionRecord => Cache["shiftleft-exception.schema.json"].Value;

    /// <summary>The accepted baseline (shiftleft-baseline.json), whose reports are evidence reports.</summary>
    public static SchemaValidator Baseline => Cache["shiftleft-baseline.schema.json"].Value;

    /// <summary>Where the schema is published, for messages.</summary>
    public string Url { get; }

    /// <summary>The closing sentence of a message about a file that breaks this schema.</summary>
    public string FixAgainstSchema => $"Fix it against its schema, {Url}.";

    /// <summary>Adds one diagnostic per schema violation (at the offending value) and returns whether the document is valid.</summary>
    public bool Validate(JsonSourceDocument document, string errorCode, string fixHint, ICollection<EvidenceDiagnostic> diagnostics)
    {
        // The pass/fail answer first: collecting every annotation of a 100,000-metric file only to find it valid costs
        // several times the check itself. The detailed run is made only to explain a failure.
        if (_schema.Evaluate(document.Root, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid)
        {
            return true;
        }

        var results = _schema.Evaluate(document.Root, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
        {
            var pointer = detail.InstanceLocation.ToString();
            foreach (var error in detail.Errors!)
            {
                var text = Describe(document.Root, pointer, detail.SchemaLocation, error.Key, error.Value);
                if (text is null || !seen.Add(pointer + "|" + text))
                {
                    continue;
                }

                var shown = pointer.Length == 0 ? "the top level" : pointer;
                diagnostics.Add(EvidenceDiagnostic.Error(errorCode, document.Locate(pointer), $"'{document.Path}' does not match its schema at {shown}: {text} {fixHint}"));
            }
        }

        if (seen.Count == 0)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(errorCode, document.Locate(string.Empty), $"'{document.Path}' does not match its schema. {fixHint}"));
        }

        return false;
    }

    private string? Describe(JsonElement root, string pointer, Uri? location, string keyword, string message)
    {
        // JsonSchema.Net reports "All values fail against the false schema" for an unexpected property; say which one,
        // and which are allowed there.
        if (message.Contains("false schema", StringComparison.OrdinalIgnoreCase))
        {
            var name = Unescape(pointer.Substring(pointer.LastIndexOf('/') + 1));
            var allowed = Node(location, up: 1) is { ValueKind: JsonValueKind.Object } parent && parent.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                ? " Allowed here: " + string.Join(", ", properties.EnumerateObject().Select(p => p.Name).Where(p => p != "$schema")) + "."
                : string.Empty;
            return $"property '{EvidenceDiagnostic.Excerpt(name, 80)}' is not allowed here (check its spelling).{allowed}";
        }

        // A failed $ref or anyOf only repeats errors reported at a deeper location.
        if (keyword is "$ref" or "anyOf" or "oneOf" or "allOf")
        {
            return null;
        }

        var instance = Resolve(root, pointer);
        if (Node(location) is { ValueKind: JsonValueKind.Object } schemaNode && schemaNode.TryGetProperty(ErrorMessageKeyword, out var expected) && expected.ValueKind == JsonValueKind.String)
        {
            var found = keyword == "required"
                ? "; missing: " + string.Join(", ", Missing(schemaNode, instance))
                : instance is { } value ? ", not " + EvidenceDiagnostic.Excerpt(value.GetRawText(), 60) : string.Empty;
            return expected.GetString() + found + ".";
        }

        var text = message.Trim();
        return text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";
    }

    private static IEnumerable<string> Missing(JsonElement schemaNode, JsonElement? instance) =>
        schemaNode.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Select(r => r.GetString()!).Where(r => instance is not { ValueKind: JsonValueKind.Object } value || !value.TryGetProperty(r, out _))
            : [];

    // The schema node a result's location names ("<$id>#/$defs/system/properties/name"), or its ancestor <paramref name="up"/> levels higher.
    private JsonElement? Node(Uri? location, int up = 0)
    {
        if (location is null)
        {
            return null;
        }

        var text = location.OriginalString;
        var hash = text.IndexOf('#');
        var id = hash < 0 ? text : text.Substring(0, hash);
        if (!_nodes.TryGetValue(id, out var current))
        {
            return null;
        }

        var fragment = hash < 0 ? string.Empty : Uri.UnescapeDataString(text.Substring(hash + 1));
        for (var i = 0; i < up && fragment.Length > 0; i++)
        {
            fragment = fragment.Substring(0, fragment.LastIndexOf('/'));
        }

        // JsonSchema.Net 8 writes the location of a value inside an inline "items" schema with one segment too many
        // ("#/properties/risks/items/risks/properties/id"): a segment the schema lacks right after "items" is skipped.
        var previous = string.Empty;
        foreach (var raw in fragment.Split(['/'], StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Unescape(raw);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (previous != "items")
            {
                return null;
            }

            previous = segment;
        }

        return current;
    }

    private static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer.Split(['/'], StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Unescape(raw);
            if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

    // A schema and the schemas its $refs name, in one private registry: MSBuild nodes are reused, and the global
    // registry rejects a second registration of the same $id.
    private static SchemaValidator Load(string name, params string[] referenced)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var nodes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var dependency in referenced)
        {
            var text = Text(dependency);
            JsonSchema.FromText(text, options);
            Remember(text, nodes);
        }

        var own = Text(name);
        var schema = JsonSchema.FromText(own, options);
        Remember(own, nodes);
        return new SchemaValidator(name, schema, nodes);
    }

    private static void Remember(string text, Dictionary<string, JsonElement> nodes)
    {
        var root = JsonDocument.Parse(text).RootElement.Clone();
        if (root.TryGetProperty("$id", out var id) && id.GetString() is { } value)
        {
            nodes[value] = root;
        }
    }

    private static string Text(string name)
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("ShiftLeft.Build.Schemas." + name)
            ?? throw new InvalidOperationException($"Embedded schema {name} is missing from {typeof(SchemaValidator).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
