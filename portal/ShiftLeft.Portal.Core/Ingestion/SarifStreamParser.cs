using System.Text.Json;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// Streams a SARIF 2.1.0 log: results are handed to a callback one at a time as they are read (the C# compiler writes
/// results before the rule catalogue, so nothing can wait for the catalogue). Unknown properties are skipped; known ones
/// with the wrong type, missing required fields (a run's <c>tool.driver.name</c>, a result's rule id and message), rule
/// ids outside <see cref="RuleIds"/>' grammar and non-2.1.0 versions fail with a message naming the result and field
/// (also carried as <see cref="JsonStreamException.ResultIndex"/> and <see cref="JsonStreamException.Field"/>).
/// </summary>
internal sealed partial class SarifStreamParser(JsonStreamReader json, int maxResults, Action<SarifResult> onResult)
{
    private const int MaxRules = 100_000;
    private readonly SarifResult _result = new();
    private string? _version;
    private int _runIndex = -1;
    private string? _runToolName;

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
        _runIndex++;
        _runToolName = null;
        _runRuleCount = 0;
        _highestRuleIndex = null;
        ExpectObject("runs[]");
        while (NextProperty())
        {
            if (json.ValueEquals("results"u8)) ReadArray("results", ParseResult);
            else if (json.ValueEquals("tool"u8)) ParseTool();
            else SkipValue();
        }

        // The compiler writes the tool after the results; the run is refused whole either way (one transaction).
        if (string.IsNullOrWhiteSpace(_runToolName))
        {
            var field = $"runs[{_runIndex}].tool.driver.name";
            var error = json.Error($"{field} is required: SARIF 2.1.0 names the tool that produced a run's results (the C# compiler writes it).");
            error.Field = field;
            throw error;
        }

        // A result's ruleIndex points into this run's tool.driver.rules, which the compiler writes after the results.
        if (_highestRuleIndex is { } highest && highest.RuleIndex >= _runRuleCount)
        {
            throw FieldError("ruleIndex", highest.ResultIndex,
                $"Result {highest.ResultIndex}: 'ruleIndex' {highest.RuleIndex} points past the {_runRuleCount} rule(s) of runs[{_runIndex}].tool.driver.rules; fix the producer, or leave ruleIndex out.");
        }
    }

    private int _runRuleCount;
    private (int RuleIndex, int ResultIndex)? _highestRuleIndex;

    private void ParseTool()
    {
        ExpectObjectValue("tool");
        while (NextProperty())
        {
            if (!json.ValueEquals("driver"u8)) { SkipValue(); continue; }
            ExpectObjectValue("tool.driver");
            while (NextProperty())
            {
                if (json.ValueEquals("name"u8))
                {
                    // Every run's name is read (and required); the log's tool is the first run's.
                    _runToolName = ReadString("tool.driver.name");
                    ToolName ??= _runToolName;
                }
                else if (json.ValueEquals("version"u8) || (ToolVersion is null && json.ValueEquals("semanticVersion"u8))) ToolVersion = ReadString("tool.driver.version");
                else if (json.ValueEquals("rules"u8)) ReadArray("tool.driver.rules", ParseRule);
                else SkipValue();
            }
        }
    }

    private int _ruleIndex;

    private void ParseRule()
    {
        _runRuleCount++;
        var field = $"runs[{_runIndex}].tool.driver.rules[{_ruleIndex++}].id";
        ExpectObject("tool.driver.rules[]");
        string? id = null, title = null, help = null, category = null, owasp = null;
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
                    else if (json.ValueEquals("tags"u8)) owasp = ReadOwaspTag();
                    else SkipValue();
                }
            }
            else SkipValue();
        }

        if (string.IsNullOrEmpty(id)) throw FieldError(field, null, $"{field} is required: a rule descriptor has no 'id'.");
        if (!RuleIds.IsValid(id)) throw FieldError(field, null, $"{field} '{ControlCharacters.Quote(id)}' is not a valid rule id: use {RuleIds.Grammar}.");
        if (Rules.Count < MaxRules) Rules[id] = new SarifRule(id, title, help, category, owasp);
    }

    /// <summary>
    /// The first OWASP LLM 2025 tag of a rule's <c>properties.tags</c> (<c>external/owasp-llm-2025/LLM01</c>, the rule's
    /// primary category), as "LLM01"; tags are free text, so anything else (other taxonomies, other tools' tags, values
    /// that are not strings, ids outside LLM01-LLM10) is passed over.
    /// </summary>
    private string? ReadOwaspTag()
    {
        json.ReadRequired();
        if (json.TokenType != JsonTokenType.StartArray)
        {
            json.SkipCurrentValue();
            return null;
        }

        string? first = null;
        while (true)
        {
            json.ReadRequired();
            if (json.TokenType == JsonTokenType.EndArray) return first;
            if (json.TokenType != JsonTokenType.String) { json.SkipCurrentValue(); continue; }
            var tag = json.GetString();
            if (first is null && tag.StartsWith(OwaspTagPrefix, StringComparison.Ordinal) && OwaspCategoryMap.Names.ContainsKey(tag[OwaspTagPrefix.Length..]))
                first = tag[OwaspTagPrefix.Length..];
        }
    }

    private const string OwaspTagPrefix = "external/owasp-llm-2025/";

    private void ParseResult()
    {
        if (ResultCount >= maxResults)
            throw new IngestionException(IngestionErrorKind.TooLarge, $"The SARIF log has more than {maxResults} results, the configured limit (Portal:Ingestion:MaxResults).");
        _result.Reset(ResultCount);
        try
        {
            ExpectObject($"result {ResultCount}");
            ParseResultProperties();
        }
        catch (JsonStreamException e) when (e.ResultIndex is null)
        {
            e.ResultIndex = _result.Index;
            e.Field ??= FieldIn(e.Message);
            throw;
        }

        ResultCount++;
        onResult(_result);
    }

    private void ParseResultProperties()
    {
        string? ruleObjectId = null;
        var sawMessage = false;
        while (NextProperty())
        {
            if (json.ValueEquals("ruleId"u8)) _result.RuleId = ReadString(Field("ruleId"));
            else if (json.ValueEquals("ruleIndex"u8)) NoteRuleIndex(ReadRuleIndex("ruleIndex"));
            else if (json.ValueEquals("rule"u8))
            {
                ExpectObjectValue(Field("rule"));
                while (NextProperty())
                {
                    if (json.ValueEquals("id"u8)) ruleObjectId = ReadString(Field("rule.id"));
                    else if (json.ValueEquals("index"u8)) NoteRuleIndex(ReadRuleIndex("rule.index"));
                    else SkipValue();
                }
            }
            else if (json.ValueEquals("level"u8)) _result.Severity = ParseLevel(ReadString(Field("level")));
            else if (json.ValueEquals("message"u8)) { _result.Message = ReadTextObject(Field("message")); sawMessage = true; }
            else if (json.ValueEquals("locations"u8)) ParseLocations();
            else if (json.ValueEquals("suppressions"u8)) ParseSuppressions();
            else if (json.ValueEquals("properties"u8)) ParseResultPropertyBag();
            else SkipValue();
        }

        var ruleField = _result.RuleId is null && ruleObjectId is not null ? "rule.id" : "ruleId";
        _result.RuleId ??= ruleObjectId;
        if (string.IsNullOrEmpty(_result.RuleId))
            throw FieldError("ruleId", _result.Index, $"Result {_result.Index} has no 'ruleId' (nor 'rule.id').");
        if (!RuleIds.IsValid(_result.RuleId))
            throw FieldError(ruleField, _result.Index, $"Result {_result.Index}: '{ruleField}' '{ControlCharacters.Quote(_result.RuleId)}' is not a valid rule id: use {RuleIds.Grammar}.");
        if (!sawMessage || _result.Message is null)
            throw FieldError("message.text", _result.Index, $"Result {_result.Index} ({_result.RuleId}) has no 'message.text'.");
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
                ExpectObjectValue(Field("locations[0].physicalLocation"));
                while (NextProperty())
                {
                    if (json.ValueEquals("artifactLocation"u8))
                    {
                        ExpectObjectValue(Field("locations[0].physicalLocation.artifactLocation"));
                        while (NextProperty())
                        {
                            if (json.ValueEquals("uri"u8)) _result.Uri = ReadString(Field("locations[0].physicalLocation.artifactLocation.uri"));
                            else if (json.ValueEquals("uriBaseId"u8)) _result.UriBaseId = ReadString(Field("locations[0].physicalLocation.artifactLocation.uriBaseId"));
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
        ExpectObjectValue(Field("locations[0].physicalLocation.region"));
        while (NextProperty())
        {
            if (json.ValueEquals("startLine"u8)) _result.StartLine = ReadPositive(Field("locations[0].physicalLocation.region.startLine"));
            else if (json.ValueEquals("startColumn"u8)) _result.StartColumn = ReadPositive(Field("locations[0].physicalLocation.region.startColumn"));
            else if (json.ValueEquals("endLine"u8)) _result.EndLine = ReadPositive(Field("locations[0].physicalLocation.region.endLine"));
            else if (json.ValueEquals("endColumn"u8)) _result.EndColumn = ReadPositive(Field("locations[0].physicalLocation.region.endColumn"));
            else if (json.ValueEquals("snippet"u8)) _result.Snippet = ReadTextObject(Field("locations[0].physicalLocation.region.snippet"));
            else SkipValue();
        }

        if (_result.EndLine != 0 && _result.StartLine != 0 && _result.EndLine < _result.StartLine)
            throw json.Error($"{Field("locations[0].physicalLocation.region")}: endLine {_result.EndLine} is before startLine {_result.StartLine}.");
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

    private void ParseResultPropertyBag()
    {
        ExpectObjectValue(Field("properties"));
        while (NextProperty())
        {
            // The compiler names how it was suppressed: pragma, SuppressMessageAttribute or DiagnosticSuppressor.
            if (json.ValueEquals("suppressionType"u8)) { var type = ReadStringLenient(); if (type is not null) _result.SuppressionKind = type; }
            // The compiler writes a diagnostic's Properties here; ShiftLeft's analyzers put the finding's identity key among them.
            else if (json.ValueEquals("customProperties"u8)) ParseCustomProperties();
            else SkipValue();
        }
    }

    private void ParseCustomProperties()
    {
        json.ReadRequired();
        if (json.TokenType != JsonTokenType.StartObject) { json.SkipCurrentValue(); return; }
        while (NextProperty())
        {
            if (json.ValueEquals("ShiftLeftIdentity"u8)) _result.Identity = ReadStringLenient();
            else SkipValue();
        }
    }

    private FindingSeverity ParseLevel(string level) => level switch
    {
        "error" => FindingSeverity.Error,
        "warning" => FindingSeverity.Warning,
        "note" => FindingSeverity.Note,
        "none" => FindingSeverity.None,
        _ => throw json.Error($"{Field("level")}: unknown SARIF level '{level}'; expected error, warning, note or none."),
    };

    private string Field(string name) => $"Result {_result.Index}: '{name}'";

    /// <summary>The field a result-level message names ("Result 3: 'region.startLine' must be …" → region.startLine).</summary>
    private static string? FieldIn(string message) => FieldName().Match(message) is { Success: true } m ? m.Groups["field"].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^Result \d+: '(?<field>[^']+)'", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex FieldName();

    private JsonStreamException FieldError(string field, int? resultIndex, string message)
    {
        var error = json.Error(message);
        error.Field = field;
        error.ResultIndex = resultIndex;
        return error;
    }


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

    /// <summary>A rule index: -1 (SARIF's "none") or an index into the run's rules.</summary>
    private int ReadRuleIndex(string what)
    {
        json.ReadRequired();
        if (json.TokenType != JsonTokenType.Number || !json.TryGetInt32(out var value) || value < -1)
            throw FieldError(what, _result.Index, $"Result {_result.Index}: '{what}' must be an integer of -1 or more.");
        return value;
    }

    private void NoteRuleIndex(int index)
    {
        if (index >= 0 && (_highestRuleIndex is null || index > _highestRuleIndex.Value.RuleIndex)) _highestRuleIndex = (index, _result.Index);
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
