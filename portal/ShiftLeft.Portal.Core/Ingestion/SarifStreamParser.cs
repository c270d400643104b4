using System.Text.Json;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// Streams a SARIF 2.1.0 log: results are handed to a callback one at a time as they are read (the C# compiler writes
/// results before the rule catalogue, so nothing can wait for the catalogue). Unknown properties are skipped; known ones
/// with the wrong type, missing required fields and non-2.1.0 versions fail with a message naming the result and field.
/// </summary>
internal sealed class SarifStreamParser(JsonStreamReader json, int maxResults, Action<SarifResult> onResult)
{
    private const int MaxRules = 100_000;
    private readonly SarifResult _result = new();
    private string? _version;

    public int ResultCount { get; private set; }
    public string? ToolName { get; private set; }
    public string? ToolVersion { get; private set; }
    public Dictionary<string, SarifRule> Rules { get; } = new(StringComparer.Ordinal);

    public void Parse()
    {
        json.ReadRequired();
        if (json.TokenType != JsonTokenType.StartObject) throw json.Error("A SARIF log is a JSON object; this document starts with something else.");
        var sawRuns = false;
        while (NextProperty())
        {
            if (json.ValueEquals("version"u8))
            {
                _version = ReadString("version");
                if (_version != "2.1.0")
                    throw json.Error($"SARIF version '{_version}' is not supported; only 2.1.0 is. Build with -p:ErrorLog=out.sarif%2Cversion=2.1 (without ',version=2.1' the compiler writes SARIF 1.0).");
            }
            else if (json.ValueEquals("runs"u8))
            {
                sawRuns = true;
                ReadArray("runs", ParseRun);
            }
            else
            {
                SkipValue();
            }
        }

        if (json.Read()) throw json.Error("Unexpected content after the end of the SARIF log.");
        if (_version is null) throw json.Error("The SARIF log has no 'version' property; expected \"version\": \"2.1.0\".");
        if (!sawRuns) throw json.Error("The SARIF log has no 'runs' array.");
    }

    private void ParseRun()
    {
        ExpectObject("runs[]");
        while (NextProperty())
        {
            if (json.ValueEquals("results"u8)) ReadArray("results", ParseResult);
            else if (json.ValueEquals("tool"u8)) ParseTool();
            else SkipValue();
        }
    }

    private void ParseTool()
    {
        ExpectObjectValue("tool");
        while (NextProperty())
        {
            if (!json.ValueEquals("driver"u8)) { SkipValue(); continue; }
            ExpectObjectValue("tool.driver");
            while (NextProperty())
            {
                if (json.ValueEquals("name"u8)) ToolName = ReadString("tool.driver.name");
                else if (json.ValueEquals("version"u8) || (ToolVersion is null && json.ValueEquals("semanticVersion"u8))) ToolVersion = ReadString("tool.driver.version");
                else if (json.ValueEquals("rules"u8)) ReadArray("tool.driver.rules", ParseRule);
                else SkipValue();
            }
        }
    }

    private void ParseRule()
    {
        ExpectObject("tool.driver.rules[]");
        string? id = null, title = null, help = null, category = null;
        while (NextProperty())
        {
            if (json.ValueEquals("id"u8)) id = ReadString("rule id");
            else if (json.ValueEquals("shortDescription"u8)) title = ReadTextObject("rule shortDescription");
            else if (json.ValueEquals("helpUri"u8)) help = ReadString("rule helpUri");
            else if (json.ValueEquals("properties"u8))
            {
                ExpectObjectValue("rule properties");
                while (NextProperty())
                {
                    if (json.ValueEquals("category"u8)) category = ReadStringLenient();
                    else SkipValue();
                }
            }
            else SkipValue();
        }

        if (string.IsNullOrEmpty(id)) throw json.Error("A rule in tool.driver.rules has no 'id'.");
        if (Rules.Count < MaxRules) Rules[id] = new SarifRule(id, title, help, category);
    }

    private void ParseResult()
    {
        if (ResultCount >= maxResults)
            throw new IngestionException(IngestionErrorKind.TooLarge, $"The SARIF log has more than {maxResults} results, the configured limit (Portal:Ingestion:MaxResults).");
        ExpectObject($"result {ResultCount}");
        _result.Reset(ResultCount);
        string? ruleObjectId = null;
        var sawMessage = false;
        while (NextProperty())
        {
            if (json.ValueEquals("ruleId"u8)) _result.RuleId = ReadString(Field("ruleId"));
            else if (json.ValueEquals("rule"u8))
            {
                ExpectObjectValue(Field("rule"));
                while (NextProperty())
                {
                    if (json.ValueEquals("id"u8)) ruleObjectId = ReadString(Field("rule.id"));
                    else SkipValue();
                }
            }
            else if (json.ValueEquals("level"u8)) _result.Severity = ParseLevel(ReadString(Field("level")));
            else if (json.ValueEquals("message"u8)) { _result.Message = ReadTextObject(Field("message")); sawMessage = true; }
            else if (json.ValueEquals("locations"u8)) ParseLocations();
            else if (json.ValueEquals("suppressions"u8)) ParseSuppressions();
            else if (json.ValueEquals("properties"u8)) ParseResultProperties();
            else SkipValue();
        }

        _result.RuleId ??= ruleObjectId;
        if (string.IsNullOrEmpty(_result.RuleId)) throw json.Error($"Result {_result.Index} has no 'ruleId' (nor 'rule.id').");
        if (_result.RuleId.Length > 100) throw json.Error($"Result {_result.Index}: ruleId is longer than 100 characters.");
        if (!sawMessage || _result.Message is null) throw json.Error($"Result {_result.Index} ({_result.RuleId}) has no 'message.text'.");
        ResultCount++;
        onResult(_result);
    }

    private void ParseLocations()
    {
        json.ReadRequired();
        if (json.TokenType != JsonTokenType.StartArray) throw json.Error($"{Field("locations")} must be an array.");
        var first = true;
        while (true)
        {
            json.ReadRequired();
            if (json.TokenType == JsonTokenType.EndArray) return;
            if (json.TokenType != JsonTokenType.StartObject) throw json.Error($"{Field("locations[]")} must be an object.");
            if (!first) { json.SkipCurrentValue(); continue; }
            first = false;
            while (NextProperty())
            {
                if (!json.ValueEquals("physicalLocation"u8)) { SkipValue(); continue; }
                ExpectObjectValue(Field("physicalLocation"));
                while (NextProperty())
                {
                    if (json.ValueEquals("artifactLocation"u8))
                    {
                        ExpectObjectValue(Field("artifactLocation"));
                        while (NextProperty())
                        {
                            if (json.ValueEquals("uri"u8)) _result.Uri = ReadString(Field("artifactLocation.uri"));
                            else if (json.ValueEquals("uriBaseId"u8)) _result.UriBaseId = ReadString(Field("artifactLocation.uriBaseId"));
                            else SkipValue();
                        }
                    }
                    else if (json.ValueEquals("region"u8)) ParseRegion();
                    else SkipValue();
                }
            }
        }
    }

    private void ParseRegion()
    {
        ExpectObjectValue(Field("region"));
        while (NextProperty())
        {
            if (json.ValueEquals("startLine"u8)) _result.StartLine = ReadPositive(Field("region.startLine"));
            else if (json.ValueEquals("startColumn"u8)) _result.StartColumn = ReadPositive(Field("region.startColumn"));
            else if (json.ValueEquals("endLine"u8)) _result.EndLine = ReadPositive(Field("region.endLine"));
            else if (json.ValueEquals("endColumn"u8)) _result.EndColumn = ReadPositive(Field("region.endColumn"));
            else if (json.ValueEquals("snippet"u8)) _result.Snippet = ReadTextObject(Field("region.snippet"));
            else SkipValue();
        }

        if (_result.EndLine != 0 && _result.StartLine != 0 && _result.EndLine < _result.StartLine)
            throw json.Error($"{Field("region")}: endLine {_result.EndLine} is before startLine {_result.StartLine}.");
    }

    private void ParseSuppressions()
    {
        json.ReadRequired();
        if (json.TokenType != JsonTokenType.StartArray) throw json.Error($"{Field("suppressions")} must be an array.");
        while (true)
        {
            json.ReadRequired();
            if (json.TokenType == JsonTokenType.EndArray) return;
            if (json.TokenType != JsonTokenType.StartObject) throw json.Error($"{Field("suppressions[]")} must be an object.");
            // 'kind' (inSource / external) is the fallback; the compiler's suppressionType property is more telling.
            string? kind = null, type = null, justification = null, status = null;
            while (NextProperty())
            {
                if (json.ValueEquals("kind"u8)) kind = ReadString(Field("suppressions[].kind"));
                else if (json.ValueEquals("justification"u8)) justification = ReadString(Field("suppressions[].justification"));
                else if (json.ValueEquals("status"u8)) status = ReadString(Field("suppressions[].status"));
                else if (json.ValueEquals("properties"u8)) type = ReadSuppressionType();
                else SkipValue();
            }

            // SARIF: a suppression under review or rejected does not suppress.
            if (status is null or "accepted")
            {
                _result.IsSuppressed = true;
                _result.SuppressionKind ??= type ?? kind;
                _result.Justification ??= justification;
            }
        }
    }

    /// <summary>The compiler names how a diagnostic was suppressed: "Pragma Directive", "SuppressMessageAttribute", a suppressor id.</summary>
    private string? ReadSuppressionType()
    {
        ExpectObjectValue(Field("suppressions[].properties"));
        string? type = null;
        while (NextProperty())
        {
            if (json.ValueEquals("suppressionType"u8)) type = ReadStringLenient();
            else SkipValue();
        }

        return type;
    }

    private void ParseResultProperties()
    {
        ExpectObjectValue(Field("properties"));
        while (NextProperty())
        {
            // The compiler names how it was suppressed: pragma, SuppressMessageAttribute or DiagnosticSuppressor.
            if (json.ValueEquals("suppressionType"u8)) { var type = ReadStringLenient(); if (type is not null) _result.SuppressionKind = type; }
            else SkipValue();
        }
    }

    private FindingSeverity ParseLevel(string level) => level switch
    {
        "error" => FindingSeverity.Error,
        "warning" => FindingSeverity.Warning,
        "note" => FindingSeverity.Note,
        "none" => FindingSeverity.None,
        _ => throw json.Error($"Result {_result.Index}: unknown SARIF level '{level}'; expected error, warning, note or none."),
    };

    private string Field(string name) => $"Result {_result.Index}: '{name}'";

    // ---- token helpers -------------------------------------------------------------------------------------------

    /// <summary>Inside an object: moves to the next property name (true) or past the closing brace (false).</summary>
    private bool NextProperty()
    {
        json.ReadRequired();
        return json.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw json.Error($"Expected a property name, found {json.TokenType}."),
        };
    }

    private void SkipValue()
    {
        json.ReadRequired();
        json.SkipCurrentValue();
    }

    private void ExpectObject(string what)
    {
        if (json.TokenType != JsonTokenType.StartObject) throw json.Error($"{what} must be an object, found {Describe(json.TokenType)}.");
    }

    private void ExpectObjectValue(string what)
    {
        json.ReadRequired();
        ExpectObject(what);
    }

    private void ReadArray(string what, Action readItem)
    {
        json.ReadRequired();
        if (json.TokenType != JsonTokenType.StartArray) throw json.Error($"'{what}' must be an array, found {Describe(json.TokenType)}.");
        while (true)
        {
            json.ReadRequired();
            if (json.TokenType == JsonTokenType.EndArray) return;
            readItem();
        }
    }

    private string ReadString(string what)
    {
        json.ReadRequired();
        if (json.TokenType != JsonTokenType.String) throw json.Error($"{what} must be a string, found {Describe(json.TokenType)}.");
        return json.GetString();
    }

    private string? ReadStringLenient()
    {
        json.ReadRequired();
        if (json.TokenType == JsonTokenType.String) return json.GetString();
        json.SkipCurrentValue();
        return null;
    }

    /// <summary>A SARIF message / multiformatMessageString: an object whose 'text' is a string.</summary>
    private string? ReadTextObject(string what)
    {
        json.ReadRequired();
        if (json.TokenType == JsonTokenType.Null) return null;
        if (json.TokenType != JsonTokenType.StartObject) throw json.Error($"{what} must be an object with a 'text' string, found {Describe(json.TokenType)}.");
        string? text = null;
        while (NextProperty())
        {
            if (json.ValueEquals("text"u8)) text = ReadString($"{what}.text");
            else SkipValue();
        }

        return text;
    }

    private int ReadPositive(string what)
    {
        json.ReadRequired();
        if (json.TokenType != JsonTokenType.Number || !json.TryGetInt32(out var value) || value < 1)
            throw json.Error($"{what} must be a positive integer.");
        return value;
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}
