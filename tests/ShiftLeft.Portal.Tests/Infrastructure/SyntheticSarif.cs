using System.Text.Json;

namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>One result to write, in the shape the C# compiler writes it.</summary>
public sealed record SyntheticResult(
    string RuleId,
    string Message,
    string Uri,
    int Line,
    int Column = 5,
    string Level = "warning",
    bool Suppressed = false,
    string? Justification = null,
    string? Snippet = null);

/// <summary>
/// Writes SARIF 2.1.0 exactly as the compiler lays it out (results first, then hundreds of rule descriptors), streamed,
/// so tests and benchmarks can produce logs of any size. Shared with the benchmarks project (linked source).
/// </summary>
public static class SyntheticSarif
{
    // The taxonomy tags the analyzers' descriptors carry (analyzers/ShiftLeft.Analyzers/Rules/RuleCatalog.cs), as the
    // compiler writes them for SL0001-SL0005.
    private static readonly string[][] ShiftLeftTags =
    [
        ["external/cwe/cwe-778", "external/eu-ai-act/art-12"],
        ["external/owasp-llm-2025/LLM01", "external/owasp-llm-2025/LLM05", "external/cwe/cwe-1427", "external/cwe/cwe-1426", "external/eu-ai-act/art-15"],
        ["external/owasp-llm-2025/LLM02", "external/cwe/cwe-532", "external/gdpr/art-5(1)(c)"],
        ["external/owasp-llm-2025/LLM02", "external/cwe/cwe-359", "external/gdpr/art-6", "external/gdpr/art-44"],
        [],
    ];

    public static byte[] ToBytes(IEnumerable<SyntheticResult> results, int ruleDescriptors = 5)
    {
        using var stream = new MemoryStream();
        Write(stream, results, ruleDescriptors);
        return stream.ToArray();
    }

    public static void Write(Stream output, IEnumerable<SyntheticResult> results, int ruleDescriptors = 300)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", "http://json.schemastore.org/sarif-2.1.0");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartArray("results");
        foreach (var r in results)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", r.RuleId);
            json.WriteNumber("ruleIndex", 0);
            json.WriteString("level", r.Level);
            json.WriteStartObject("message");
            json.WriteString("text", r.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", r.Uri);
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", r.Line);
            json.WriteNumber("startColumn", r.Column);
            json.WriteNumber("endLine", r.Line);
            json.WriteNumber("endColumn", r.Column + 10);
            if (r.Snippet is not null)
            {
                json.WriteStartObject("snippet");
                json.WriteString("text", r.Snippet);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            if (r.Suppressed)
            {
                json.WriteStartArray("suppressions");
                json.WriteStartObject();
                json.WriteString("kind", "inSource");
                if (r.Justification is not null) json.WriteString("justification", r.Justification);
                json.WriteStartObject("properties");
                json.WriteString("suppressionType", r.Justification is null ? "Pragma Directive" : "SuppressMessageAttribute");
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteStartObject("properties");
            json.WriteNumber("warningLevel", 1);
            json.WriteEndObject();
            json.WriteEndObject();
            if (json.BytesPending > 64 * 1024) json.Flush();
        }

        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteString("analyzerExecutionTime", "0.1");
        json.WriteEndObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "Microsoft (R) Visual C# Compiler");
        json.WriteString("version", "5.0.0-2.25523.111 (df7b5aad)");
        json.WriteString("dottedQuadFileVersion", "5.0.0.0");
        json.WriteString("semanticVersion", "5.0.0");
        json.WriteString("language", "en-US");
        json.WriteStartArray("rules");
        for (var i = 0; i < ruleDescriptors; i++)
        {
            json.WriteStartObject();
            json.WriteString("id", i < 5 ? "SL000" + (i + 1) : "CA" + (1000 + i));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", "Rule " + i);
            json.WriteEndObject();
            json.WriteString("helpUri", "https://example.invalid/rules/" + i);
            json.WriteStartObject("properties");
            json.WriteString("category", "Test");
            json.WriteStartArray("tags");
            json.WriteStringValue("Telemetry");
            if (i < 5) foreach (var tag in ShiftLeftTags[i]) json.WriteStringValue(tag);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }
}
