using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Policy;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// Reads JSON evidence: evaluation and red-team results (ShiftLeft's own format, Microsoft.Extensions.AI.Evaluation
/// <c>aieval report -f json</c>, promptfoo <c>-o results.json</c>), the risk register, and any other JSON artifact.
/// </summary>
public static class JsonArtifactReader
{
    /// <summary>Evaluation reports can be large (one entry per test case), but not unbounded.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Parses checked UTF-8 text; returns null after adding SL1002 errors when it is unusable.</summary>
    public static ArtifactContent? Read(string kind, ReadOnlyMemory<byte> text, string displayPath, ArtifactReadOptions options, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var fix = $"Regenerate the {kind} file or fix it by hand (formats: docs/evidence-gate.md).";
        using var document = JsonSourceDocument.Load(text, displayPath, RuleIds.ArtifactInvalid, fix, diagnostics);
        if (document is null)
        {
            return null;
        }

        var before = diagnostics.Count;
        var content = new ArtifactContent();
        if (kind is TierDefaults.Kinds.Evaluation or TierDefaults.Kinds.RedTeam)
        {
            ReadEvaluation(document, kind, content, options, diagnostics);
        }
        else if (kind == TierDefaults.Kinds.RiskRegister)
        {
            ReadRiskRegister(document, content, diagnostics);
        }
        else if (kind == TierDefaults.Kinds.SignOff)
        {
            ReadSignOff(document, content, diagnostics);
        }

        return diagnostics.Skip(before).Any(d => d.Level == DiagnosticLevel.Error) ? null : content;
    }

    private static void ReadEvaluation(JsonSourceDocument document, string kind, ArtifactContent content, ArtifactReadOptions options, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var root = document.Root;
        if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("format", out _) || root.TryGetProperty("metrics", out _)))
        {
            if (SchemaValidator.Evaluation.Validate(document, RuleIds.ArtifactInvalid, "Fix it against docs/schema/shiftleft-evaluation.schema.json.", diagnostics))
            {
                ShiftLeftEvaluationFormat.Read(document, content, diagnostics);
            }
        }
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("scenarioRunResults", out _))
        {
            AiEvalReportFormat.Read(document, content, options, diagnostics);
        }
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Object)
        {
            PromptfooFormat.Read(document, content, options, diagnostics);
        }
        else
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(string.Empty), $"The {kind} file '{document.Path}' is in no known evaluation format. Write ShiftLeft's format (a top-level \"format\": \"shiftleft-evaluation\" with \"metrics\"), or point the policy at the output of `aieval report -f json` or `promptfoo eval -o results.json`."));
        }
    }

    private static void ReadRiskRegister(JsonSourceDocument document, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics)
    {
        if (!SchemaValidator.RiskRegister.Validate(document, RuleIds.ArtifactInvalid, "Fix it against docs/schema/shiftleft-risk-register.schema.json.", diagnostics))
        {
            return;
        }

        content.Format = "shiftleft-risk-register";
        ReadDate(document, "/updated", content, diagnostics);
        foreach (var risk in document.Root.GetProperty("risks").EnumerateArray())
        {
            var system = risk.GetProperty("system").GetString()!;
            content.RegisteredSystems.Add(system);
            content.Risks.Add(new RegisteredRisk(
                risk.GetProperty("id").GetString()!, system, risk.GetProperty("title").GetString()!, String(risk, "category"),
                risk.GetProperty("likelihood").GetString()!, risk.GetProperty("impact").GetString()!, risk.GetProperty("mitigation").GetString()!,
                risk.GetProperty("owner").GetString()!, risk.GetProperty("status").GetString()!));
        }
    }

    private static void ReadSignOff(JsonSourceDocument document, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics)
    {
        const string Fix = "Export the record from the portal again; a record edited by hand no longer matches its signature (schema: docs/schema/shiftleft-signoff.schema.json).";
        if (!SchemaValidator.SignOff.Validate(document, RuleIds.ArtifactInvalid, Fix, diagnostics))
        {
            return;
        }

        content.Format = "shiftleft-signoff";
        content.SignOff = Governance.SignOffRecord.Read(document, out var problem);
        if (content.SignOff is null)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate("/signedAt"), $"The sign-off record '{document.Path}' is unusable: {problem}. {Fix}"));
            return;
        }

        content.Date = content.SignOff.SignedAt;
        content.DateWhere = Place.In(document.Locator, "/signedAt");
    }

    /// <summary>Reads an ISO-8601 date at <paramref name="pointer"/> as the content date (the latest wins); an unreadable date is SL1002.</summary>
    internal static void ReadDate(JsonSourceDocument document, string pointer, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics)
    {
        if (Resolve(document.Root, pointer) is { } element)
        {
            ReadDate(document, element, pointer, content, diagnostics);
        }
    }

    /// <summary>Reads an ISO-8601 date from <paramref name="element"/> (found at <paramref name="pointer"/>).</summary>
    internal static void ReadDate(JsonSourceDocument document, JsonElement element, string pointer, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            if (element.ValueKind != JsonValueKind.Null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(pointer), $"The date at {pointer} in '{document.Path}' is a {element.ValueKind.ToString().ToLowerInvariant()}, not a string. Write an ISO-8601 date such as \"2026-11-27T10:00:00Z\"."));
            }

            return;
        }

        var text = element.GetString()!;
        if (!EvidenceDates.TryParse(text, out var date))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(pointer), $"'{EvidenceDiagnostic.Excerpt(text, 60)}' in '{document.Path}' is not a valid date. Write an ISO-8601 date such as 2026-11-27 or 2026-11-27T10:00:00Z."));
            return;
        }

        if (content.Date is null || date > content.Date)
        {
            content.Date = date;
            content.DateWhere = Place.In(document.Locator, pointer);
        }
    }

    /// <summary>The element at a JSON pointer (property names and array indices), or null.</summary>
    internal static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer.Split(['/'], StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
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

    /// <summary>A string property of an object, or null when absent or not a string.</summary>
    internal static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
