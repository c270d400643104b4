using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Json;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// Microsoft.Extensions.AI.Evaluation's dataset JSON (<c>aieval report -f json</c>): <c>scenarioRunResults[]</c> each with
/// <c>evaluationResult.metrics</c> keyed by metric name. A judge error shows up only as an error diagnostic on the
/// metric while the run "succeeds", so missing values and error diagnostics are recorded as failed measurements.
/// </summary>
internal static class AiEvalReportFormat
{
    public static void Read(JsonSourceDocument document, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics)
    {
        content.Format = "aieval";
        var runs = document.Root.GetProperty("scenarioRunResults");
        if (runs.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate("/scenarioRunResults"), $"'scenarioRunResults' in '{document.Path}' must be an array. Regenerate the file with `aieval report -f json`."));
            return;
        }

        var index = 0;
        foreach (var run in runs.EnumerateArray())
        {
            var runPointer = JsonSourceDocument.Child("/scenarioRunResults", index++);
            if (run.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(runPointer), $"A scenario run result in '{document.Path}' is not an object. Regenerate the file with `aieval report -f json`."));
                continue;
            }

            var scope = $"{Text(run, "scenarioName")}/{Text(run, "iterationName")}";
            JsonArtifactReader.ReadDate(document, runPointer + "/creationTime", content, diagnostics);
            if (JsonArtifactReader.Resolve(run, "evaluationResult/metrics") is not { ValueKind: JsonValueKind.Object } metrics)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(runPointer), $"Scenario '{scope}' in '{document.Path}' has no evaluationResult.metrics object. Regenerate the file with `aieval report -f json`."));
                continue;
            }

            foreach (var metric in metrics.EnumerateObject())
            {
                var pointer = JsonSourceDocument.Child(runPointer + "/evaluationResult/metrics", metric.Name);
                var name = metric.Value.ValueKind == JsonValueKind.Object && metric.Value.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : metric.Name;
                var (value, error) = ValueOf(metric.Value);
                content.Metrics.Add(new MetricObservation(name, error is null ? value : null, error, document.Locate(pointer), scope));
            }
        }
    }

    private static (double? Value, string? Error) ValueOf(JsonElement metric)
    {
        if (metric.ValueKind != JsonValueKind.Object)
        {
            return (null, "the metric is not an object");
        }

        if (metric.TryGetProperty("diagnostics", out var diagnostics) && diagnostics.ValueKind == JsonValueKind.Array)
        {
            foreach (var diagnostic in diagnostics.EnumerateArray())
            {
                var severity = diagnostic.ValueKind == JsonValueKind.Object && diagnostic.TryGetProperty("severity", out var s) ? s.ToString() : string.Empty;
                if (severity.Equals("error", StringComparison.OrdinalIgnoreCase) || severity == "2")
                {
                    return (null, "the evaluator reported an error: " + Text(diagnostic, "message"));
                }
            }
        }

        if (!metric.TryGetProperty("value", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (null, "no value was recorded");
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => (value.GetDouble(), null),
            JsonValueKind.True => (1, null),
            JsonValueKind.False => (0, null),
            _ => (null, $"the value '{value}' is not numeric or boolean"),
        };
    }

    private static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) ? value.ToString() : "?";
}
