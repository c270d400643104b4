using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Json;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// Microsoft.Extensions.AI.Evaluation's dataset JSON (<c>aieval report -f json</c>, written by the Reporting library's
/// JsonReportWriter): <c>{ scenarioRunResults: [...], createdAt, generatorVersion }</c>, each result with
/// <c>scenarioName</c>, <c>iterationName</c>, <c>executionName</c>, <c>creationTime</c> and
/// <c>evaluationResult.metrics.&lt;name&gt; { $type, value, interpretation { rating, failed, reason }, diagnostics }</c>.
/// <para>
/// <c>aieval report</c> includes the last <c>-n</c> executions (default 10), newest first, so a report usually spans
/// several runs: only one execution is read — the latest (the first listed), or the one the policy names — and the
/// others are recorded as ignored. A metric whose evaluator recorded an error diagnostic or no value, or that its
/// evaluator interprets as failed (interpretation.failed, or rating unacceptable or inconclusive), fails closed.
/// Scenario runs are assigned to cohorts by their tags (<c>language:fr</c>) when the policy groups by an attribute.
/// </para>
/// </summary>
internal static class AiEvalReportFormat
{
    private const string Regenerate = "Regenerate the file with `aieval report -f json`.";

    public static void Read(JsonSourceDocument document, ArtifactContent content, ArtifactReadOptions options, ICollection<EvidenceDiagnostic> diagnostics)
    {
        content.Format = "aieval";
        var runs = document.Root.GetProperty("scenarioRunResults");
        if (runs.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate("/scenarioRunResults"), $"'scenarioRunResults' in '{document.Path}' must be an array. {Regenerate}"));
            return;
        }

        var executions = new List<string>();
        var index = 0;
        foreach (var run in runs.EnumerateArray())
        {
            var runPointer = JsonSourceDocument.Child("/scenarioRunResults", index++);
            if (JsonArtifactReader.String(run, "executionName") is not { } execution)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(runPointer), $"Scenario run result {index} in '{document.Path}' has no executionName string, so the runs it belongs to cannot be told apart. {Regenerate}"));
                return;
            }

            if (!executions.Contains(execution, StringComparer.Ordinal))
            {
                executions.Add(execution);
            }
        }

        if (executions.Count == 0)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate("/scenarioRunResults"), $"'{document.Path}' holds no scenario run results. Run the evaluation, then {Regenerate[0..1].ToLowerInvariant()}{Regenerate[1..]}"));
            return;
        }

        var selected = options.Execution ?? executions[0];
        if (!executions.Contains(selected, StringComparer.Ordinal))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate("/scenarioRunResults"), $"'{document.Path}' holds no execution '{EvidenceDiagnostic.Excerpt(selected, 80)}' (the execution the policy names); it holds {string.Join(", ", executions.Take(10).Select(e => "'" + EvidenceDiagnostic.Excerpt(e, 60) + "'"))}. Correct \"execution\" in the policy, or regenerate the report with that execution included."));
            return;
        }

        content.Execution = new ExecutionSelection(selected, options.Execution is null ? "latest" : "policy", executions.Where(e => e != selected).ToList());
        var labelSets = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        index = 0;
        foreach (var run in runs.EnumerateArray())
        {
            var runPointer = JsonSourceDocument.Child("/scenarioRunResults", index++);
            if (JsonArtifactReader.String(run, "executionName") != selected)
            {
                continue;
            }

            var scope = $"{EvidenceDiagnostic.Excerpt(JsonArtifactReader.String(run, "scenarioName") ?? "?", 80)}/{EvidenceDiagnostic.Excerpt(JsonArtifactReader.String(run, "iterationName") ?? "?", 40)}";
            if (run.TryGetProperty("creationTime", out var created))
            {
                JsonArtifactReader.ReadDate(document, created, runPointer + "/creationTime", content, diagnostics);
            }

            if (JsonArtifactReader.Resolve(run, "evaluationResult/metrics") is not { ValueKind: JsonValueKind.Object } metrics)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(runPointer), $"Scenario '{scope}' in '{document.Path}' has no evaluationResult.metrics object. {Regenerate}"));
                continue;
            }

            var labels = CohortLabels.OfAiEvalRun(run, options.CohortAttributes, content, labelSets, out var cohortProblem);
            if (cohortProblem is not null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(runPointer + "/tags"), $"Scenario '{scope}' in '{document.Path}' cannot be assigned to a cohort: {cohortProblem}. Tag each scenario run with exactly one '<attribute>:<value>' for the attribute the policy's fairness rule names, then re-run the evaluation."));
                return;
            }

            var metricsPointer = runPointer + "/evaluationResult/metrics";
            foreach (var metric in metrics.EnumerateObject())
            {
                var key = metric.Name;
                var name = JsonArtifactReader.String(metric.Value, "name") ?? key;
                var (value, error) = ValueOf(metric.Value);
                content.Metrics.Add(new MetricObservation(name, value, error, Place.In(document.Locator, metricsPointer, key), scope) { Labels = labels });
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
                // CamelCaseEnumConverter writes "error"; a number is the enum's value (Error = 2) from a hand-edited file.
                var severity = diagnostic.ValueKind == JsonValueKind.Object && diagnostic.TryGetProperty("severity", out var s) ? s : default;
                if ((severity.ValueKind == JsonValueKind.String && string.Equals(severity.GetString(), "error", StringComparison.OrdinalIgnoreCase))
                    || (severity.ValueKind == JsonValueKind.Number && severity.TryGetInt32(out var level) && level == 2))
                {
                    return (null, "the evaluator reported an error: " + EvidenceDiagnostic.Excerpt(JsonArtifactReader.String(diagnostic, "message") ?? "no message"));
                }
            }
        }

        double? value = null;
        if (metric.TryGetProperty("value", out var raw))
        {
            switch (raw.ValueKind)
            {
                case JsonValueKind.Number:
                    value = raw.GetDouble();
                    break;
                case JsonValueKind.True:
                    value = 1;
                    break;
                case JsonValueKind.False:
                    value = 0;
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return (null, $"the value {EvidenceDiagnostic.Excerpt(raw.GetRawText(), 60)} is not numeric or boolean");
            }
        }

        if (value is null)
        {
            return (null, "no value was recorded");
        }

        if (metric.TryGetProperty("interpretation", out var interpretation) && interpretation.ValueKind == JsonValueKind.Object)
        {
            var rating = JsonArtifactReader.String(interpretation, "rating");
            var failed = interpretation.TryGetProperty("failed", out var f) && f.ValueKind == JsonValueKind.True;
            if (failed || rating is "unacceptable" or "inconclusive")
            {
                var reason = JsonArtifactReader.String(interpretation, "reason");
                return (value, $"its evaluator interprets it as failed (rating '{EvidenceDiagnostic.Excerpt(rating ?? "none", 40)}'{(reason is null ? string.Empty : ": " + EvidenceDiagnostic.Excerpt(reason))})");
            }
        }

        return (value, null);
    }
}
