using System.Reflection;
using Json.Schema;
using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Json;

/// <summary>Validates documents against the JSON Schemas shipped in docs/schema (embedded in this assembly).</summary>
public sealed class SchemaValidator
{
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

    private SchemaValidator(JsonSchema schema) => _schema = schema;

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
                var text = Describe(pointer, error.Key, error.Value);
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

    // JsonSchema.Net reports "All values fail against the false schema" for an unexpected property; say which one.
    private static string? Describe(string pointer, string keyword, string message)
    {
        if (message.Contains("false schema", StringComparison.OrdinalIgnoreCase))
        {
            var name = pointer.Substring(pointer.LastIndexOf('/') + 1).Replace("~1", "/").Replace("~0", "~");
            return $"property '{name}' is not allowed here (check its spelling against the schema).";
        }

        // A failed $ref or anyOf only repeats errors reported at a deeper location.
        if (keyword is "$ref" or "anyOf" or "oneOf" or "allOf")
        {
            return null;
        }

        var text = message.Trim();
        return text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";
    }

    // A schema and the schemas its $refs name, in one private registry: MSBuild nodes are reused, and the global
    // registry rejects a second registration of the same $id.
    private static SchemaValidator Load(string name, params string[] referenced)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var dependency in referenced)
        {
            JsonSchema.FromText(Text(dependency), options);
        }

        return new SchemaValidator(JsonSchema.FromText(Text(name), options));
    }

    private static string Text(string name)
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("ShiftLeft.Build.Schemas." + name)
            ?? throw new InvalidOperationException($"Embedded schema {name} is missing from {typeof(SchemaValidator).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
