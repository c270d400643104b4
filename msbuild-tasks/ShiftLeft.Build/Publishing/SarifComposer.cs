using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShiftLeft.Build.Publishing;

/// <summary>
/// Builds the one SARIF 2.1.0 log of a solution build from the compiler's per-project logs and the gate's evidence
/// reports, fit for the portal and for GitHub code scanning alike:
/// <list type="bullet">
/// <item>one run per analysis tool (the projects' compiler runs merged; a multi-targeted project's results once), results
/// limited to the published rules (<see cref="PublishSettings.Rules"/>), sorted, without per-build timings, so equal
/// sources give an equal log;</item>
/// <item>paths relative to the source root (uriBaseId %SRCROOT%), the file's <c>primaryLocationLineHash</c> in
/// partialFingerprints;</item>
/// <item>each ShiftLeft rule with tags, precision, security-severity and its documentation page as help.markdown
/// (values already in the log win); runAutomationDetails.id = the code scanning category;</item>
/// <item>a "ShiftLeft.Build" run with the gate's diagnostics from the evidence reports, at their file and line, each
/// with its <see cref="GateFindingIdentity"/> where the compiler writes the analyzers' key.</item>
/// </list>
/// Message texts and result properties of compiler logs are never changed: the portal keys ShiftLeft findings on the
/// identity key (result.properties.customProperties.ShiftLeftIdentity), other tools' findings on their text.
/// </summary>
public sealed class SarifComposer(PublishSettings settings, string sourceRoot, string category, string toolVersion)
{
    public const string SourceRootId = "%SRCROOT%";

    private static readonly string[] VolatileRuleProperties = ["executionTimeInSeconds", "executionTimeInPercentage"];

    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot)) + Path.DirectorySeparatorChar;
    private readonly Dictionary<string, MergedRun> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLines?> _sources = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    /// <summary>What could not be read or used, one sentence each (the publisher logs them as warnings).</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Results in the composed log, per rule id.</summary>
    public IReadOnlyDictionary<string, int> ResultsPerRule =>
        _runs.Values.SelectMany(r => r.Results.Values).GroupBy(r => (string)r["ruleId"]!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Adds the runs of a compiler log (`-p:ErrorLog=path,version=2.1`) of <paramref name="project"/>.</summary>
    public void AddCompilerLog(string path, string project)
    {
        JsonNode? log;
        try
        {
            using var stream = File.OpenRead(path);
            log = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            _problems.Add($"The SARIF log {path} cannot be read ({ex.Message}); its findings are not published.");
            return;
        }

        if (log?["version"]?.GetValue<string>() != "2.1.0" || log["runs"] is not JsonArray runs)
        {
            _problems.Add($"The SARIF log {path} is not SARIF 2.1.0 (set ErrorLog to '<path>,version=2.1'); its findings are not published.");
            return;
        }

        foreach (var run in runs.OfType<JsonObject>())
        {
            var driver = run["tool"]?["driver"] as JsonObject;
            var name = driver?["name"]?.GetValue<string>() ?? "unknown tool";
            var version = driver?["version"]?.GetValue<string>() ?? "";
            if (!_runs.TryGetValue(name + "\n" + version, out var merged))
            {
                merged = new MergedRun(CloneDriver(driver, name));
                _runs.Add(name + "\n" + version, merged);
            }

            var rules = (driver?["rules"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            foreach (var result in (run["results"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var ruleId = result["ruleId"]?.GetValue<string>();
                if (ruleId is null || !settings.Publishes(ruleId))
                {
                    continue;
                }

                var copy = (JsonObject)result.DeepClone();
                copy.Remove("ruleIndex");
                RelativizeLocations(copy);
                AddLineHash(copy);
                merged.Add(copy, project);
                if (!merged.Rules.ContainsKey(ruleId) && rules.FirstOrDefault(r => r["id"]?.GetValue<string>() == ruleId) is { } rule)
                {
                    merged.Rules[ruleId] = (JsonObject)rule.DeepClone();
                }
            }
        }
    }

    /// <summary>Adds the gate's diagnostics of an evidence report; their files are relative to <paramref name="policyFolder"/>.</summary>
    public void AddEvidenceReport(string path, string? policyFolder)
    {
        JsonNode? report;
        try
        {
            report = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            _problems.Add($"The evidence report {path} cannot be read ({ex.Message}); its gate findings are not published.");
            return;
        }

        if (!_runs.TryGetValue(GateRunKey, out var gate))
        {
            gate = new MergedRun(new JsonObject
            {
                ["name"] = "ShiftLeft.Build",
                ["version"] = toolVersion,
                ["informationUri"] = DocumentationLinks.Base,
            });
            _runs.Add(GateRunKey, gate);
        }

        var system = Text(report?["system"]?["name"]);
        var project = Text(report?["project"]);
        var requirements = RequirementOfMessage(report);
        var occurrences = new GateFindingIdentity.Occurrences();
        foreach (var diagnostic in (report?["diagnostics"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var code = diagnostic["code"]?.GetValue<string>();
            if (code is null || !settings.Publishes(code))
            {
                continue;
            }

            var result = new JsonObject
            {
                ["ruleId"] = code,
                ["level"] = diagnostic["severity"]?.GetValue<string>() == "error" ? "error" : "warning",
                ["message"] = new JsonObject { ["text"] = diagnostic["message"]?.GetValue<string>() ?? code },
            };
            if (diagnostic["file"]?.GetValue<string>() is { Length: > 0 } file)
            {
                var full = Path.GetFullPath(Path.Combine(policyFolder ?? Path.GetDirectoryName(path)!, file));
                var region = new JsonObject();
                if (diagnostic["line"] is JsonValue line && line.TryGetValue<int>(out var lineNumber) && lineNumber > 0)
                {
                    region["startLine"] = lineNumber;
                    if (diagnostic["column"] is JsonValue column && column.TryGetValue<int>(out var columnNumber) && columnNumber > 0)
                    {
                        region["startColumn"] = columnNumber;
                    }
                }

                var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = new Uri(full).AbsoluteUri } };
                if (region.Count > 0)
                {
                    physical["region"] = region;
                }

                result["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = physical });
                RelativizeLocations(result);
                AddLineHash(result);
            }

            var requirement = RequirementOf(requirements, code + ": " + Text(diagnostic["message"]));
            var identity = occurrences.Number(GateFindingIdentity.Of(code, system, requirement, Place(result) ?? project, LineText(result)));
            result["properties"] = new JsonObject { ["customProperties"] = new JsonObject { [GateFindingIdentity.PropertyName] = identity } };
            gate.Add(result, path, identity);
            if (!gate.Rules.ContainsKey(code))
            {
                gate.Rules[code] = new JsonObject
                {
                    ["id"] = code,
                    ["shortDescription"] = new JsonObject { ["text"] = RuleCatalog.Title(code) ?? code },
                    ["helpUri"] = DocumentationLinks.Rule(code),
                };
            }
        }
    }

    private const string GateRunKey = "ShiftLeft.Build";

    /// <summary>The composed log.</summary>
    public JsonObject Compose()
    {
        var runs = new JsonArray();
        foreach (var (_, run) in _runs.OrderBy(r => r.Key == GateRunKey ? 1 : 0).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            var rules = run.Rules.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value).ToList();
            var indexes = rules.Select((r, i) => (Id: r["id"]!.GetValue<string>(), i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            var driver = (JsonObject)run.Driver.DeepClone();
            driver["rules"] = new JsonArray(rules.Select(r => (JsonNode)Enrich((JsonObject)r.DeepClone())).ToArray());
            var results = new JsonArray();
            foreach (var result in run.Results.Values.OrderBy(SortKey, StringComparer.Ordinal))
            {
                var copy = (JsonObject)result.DeepClone();
                if (indexes.TryGetValue(copy["ruleId"]!.GetValue<string>(), out var index))
                {
                    copy["ruleIndex"] = index;
                }

                results.Add(copy);
            }

            runs.Add(new JsonObject
            {
                ["tool"] = new JsonObject { ["driver"] = driver },
                ["automationDetails"] = new JsonObject { ["id"] = category.TrimEnd('/') + "/" },
                ["originalUriBaseIds"] = new JsonObject { [SourceRootId] = new JsonObject { ["uri"] = new Uri(_root).AbsoluteUri } },
                ["results"] = results,
                ["columnKind"] = "utf16CodeUnits",
            });
        }

        return new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = runs,
        };
    }

    private static JsonObject CloneDriver(JsonObject? driver, string name)
    {
        var copy = new JsonObject { ["name"] = name };
        foreach (var key in new[] { "version", "semanticVersion", "informationUri" })
        {
            if (driver?[key] is { } value)
            {
                copy[key] = value.DeepClone();
            }
        }

        return copy;
    }

    /// <summary>Adds ranking and help to a ShiftLeft rule and drops per-build timings from any rule.</summary>
    private static JsonObject Enrich(JsonObject rule)
    {
        var id = rule["id"]!.GetValue<string>();
        var properties = rule["properties"] as JsonObject ?? new JsonObject();
        foreach (var name in VolatileRuleProperties)
        {
            properties.Remove(name);
        }

        if (RuleCatalog.Ranking(id) is { } ranking)
        {
            var tags = (properties["tags"] as JsonArray)?.Select(t => t?.GetValue<string>()).OfType<string>().ToList() ?? [];
            properties["tags"] = new JsonArray(tags.Concat(ranking.Tags).Distinct(StringComparer.Ordinal).Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
            properties["precision"] ??= ranking.Precision;
            if (ranking.SecuritySeverityText is { } severity)
            {
                properties["security-severity"] ??= severity;
            }
        }

        if (properties.Count > 0)
        {
            rule["properties"] = properties;
        }

        if (rule["help"] is null && RuleCatalog.HelpMarkdown(id) is { } markdown)
        {
            rule["help"] = new JsonObject
            {
                ["text"] = rule["fullDescription"]?["text"]?.GetValue<string>() ?? RuleCatalog.Title(id) ?? id,
                ["markdown"] = markdown,
            };
        }

        return rule;
    }

    /// <summary>Absolute file URIs under the source root become relative to %SRCROOT%; others are kept.</summary>
    private void RelativizeLocations(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["artifactLocation"] is JsonObject artifact && artifact["uri"]?.GetValue<string>() is { } uri
                    && Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile)
                {
                    var local = Path.GetFullPath(absolute.LocalPath);
                    if (local.StartsWith(_root, StringComparison.Ordinal))
                    {
                        artifact["uri"] = string.Join('/', local.Substring(_root.Length).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
                        artifact["uriBaseId"] = SourceRootId;
                    }
                }

                foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().ToList())
                {
                    RelativizeLocations(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>().ToList())
                {
                    RelativizeLocations(child);
                }

                break;
        }
    }

    private void AddLineHash(JsonObject result)
    {
        if (Line(result) is ({ } source, var line) && line <= source.Hashes.Count)
        {
            var fingerprints = result["partialFingerprints"] as JsonObject ?? new JsonObject();
            fingerprints["primaryLocationLineHash"] ??= source.Hashes[line - 1];
            result["partialFingerprints"] = fingerprints;
        }
    }

    /// <summary>The text of the line a result points at, when its file is under the source root and readable.</summary>
    private string? LineText(JsonObject result) =>
        Line(result) is ({ } source, var line) && line <= source.Lines.Length ? source.Lines[line - 1] : null;

    private (SourceLines? Source, int Line) Line(JsonObject result)
    {
        var physical = result["locations"]?[0]?["physicalLocation"];
        if (physical?["artifactLocation"]?["uriBaseId"]?.GetValue<string>() != SourceRootId
            || physical["region"]?["startLine"] is not JsonValue lineValue || !lineValue.TryGetValue<int>(out var line))
        {
            return (null, 0);
        }

        var relative = physical["artifactLocation"]!["uri"]!.GetValue<string>();
        if (!_sources.TryGetValue(relative, out var source))
        {
            var file = Path.Combine(_root, Uri.UnescapeDataString(relative).Replace('/', Path.DirectorySeparatorChar));
            source = File.Exists(file) && new FileInfo(file).Length <= 16 * 1024 * 1024 ? SourceLines.Of(File.ReadAllText(file)) : null;
            _sources[relative] = source;
        }

        return (source, line);
    }

    /// <summary>The file a result points at: relative to the source root, else as written.</summary>
    private static string? Place(JsonObject result) =>
        result["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.GetValue<string>();

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    /// <summary>
    /// "code: message" → the evidence kind a report files that finding under (requirements[].messages); a message filed
    /// under two kinds names neither. Looked up by prefix: a waived finding's message has a note appended.
    /// </summary>
    private static Dictionary<string, string?> RequirementOfMessage(JsonNode? report)
    {
        var kinds = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var requirement in (report?["requirements"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var kind = Text(requirement["kind"]);
            foreach (var message in (requirement["messages"] as JsonArray)?.Select(Text).Where(m => m.Length > 0) ?? [])
            {
                kinds[message] = kinds.TryGetValue(message, out var other) && other != kind ? null : kind;
            }
        }

        return kinds;
    }

    private static string? RequirementOf(Dictionary<string, string?> kinds, string message)
    {
        string? kind = null;
        var longest = -1;
        foreach (var (filed, filedUnder) in kinds)
        {
            if (filed.Length > longest && message.StartsWith(filed, StringComparison.Ordinal))
            {
                (kind, longest) = (filedUnder, filed.Length);
            }
        }

        return kind;
    }

    private static string SortKey(JsonObject result)
    {
        var physical = result["locations"]?[0]?["physicalLocation"];
        var region = physical?["region"];
        return string.Join(
            "\u0001",
            physical?["artifactLocation"]?["uri"]?.GetValue<string>() ?? "",
            (region?["startLine"]?.GetValue<int>() ?? 0).ToString("D9", System.Globalization.CultureInfo.InvariantCulture),
            (region?["startColumn"]?.GetValue<int>() ?? 0).ToString("D9", System.Globalization.CultureInfo.InvariantCulture),
            result["ruleId"]?.GetValue<string>() ?? "",
            result["message"]?["text"]?.GetValue<string>() ?? "");
    }

    /// <summary>A file's lines and their code-scanning line hashes, numbered alike ("\r\n", "\r" and "\n" end a line).</summary>
    private sealed record SourceLines(string[] Lines, IReadOnlyList<string> Hashes)
    {
        public static SourceLines Of(string text) => new(text.Split(["\r\n", "\r", "\n"], StringSplitOptions.None), LineHash.Compute(text));
    }

    /// <summary>One output run: results keyed by what makes two of them the same finding (multi-targeted builds repeat them).</summary>
    private sealed class MergedRun(JsonObject driver)
    {
        public JsonObject Driver { get; } = driver;

        public Dictionary<string, JsonObject> Rules { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, JsonObject> Results { get; } = new(StringComparer.Ordinal);

        /// <param name="result">The result.</param>
        /// <param name="origin">The project (or report) it came from: two results without a location are one only within it.</param>
        /// <param name="identity">The gate finding's identity: two reports (projects of one system) giving it are one finding.</param>
        public void Add(JsonObject result, string origin, string? identity = null)
        {
            var key = identity ?? SortKey(result) + "\u0001" + (result["suppressions"]?.ToJsonString() ?? "") + "\u0001" + (result["locations"] is null ? origin : "");
            Results.TryAdd(key, result);
        }
    }
}
