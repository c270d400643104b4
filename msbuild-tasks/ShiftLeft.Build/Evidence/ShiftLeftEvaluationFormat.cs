using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Statistics;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// ShiftLeft's own evaluation format (docs/schema/shiftleft-evaluation.schema.json), already schema-valid here. A
/// metric with <c>samples</c> and <c>successes</c> (a pass rate) or <c>standardDeviation</c> (a mean score) stands for
/// that many samples; <c>cohorts[]</c> lists the metrics of each cohort apart from the overall ones.
/// </summary>
internal static class ShiftLeftEvaluationFormat
{
    private const string Fix = "Fix it against docs/schema/shiftleft-evaluation.schema.json.";

    public static void Read(JsonSourceDocument document, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var root = document.Root;
        content.Format = "shiftleft";
        JsonArtifactReader.ReadDate(document, "/date", content, diagnostics);
        if (JsonArtifactReader.String(root, "modelId") is { } modelId)
        {
            content.ModelIds.Add(new Certification(modelId, Place.In(document.Locator, "/modelId"), "modelId"));
        }

        if (JsonArtifactReader.String(root, "promptHash") is { } promptHash)
        {
            content.PromptHashes.Add(new Certification(promptHash, Place.In(document.Locator, "/promptHash"), "promptHash"));
        }

        var defaultDataset = root.TryGetProperty("dataset", out var ds) ? JsonArtifactReader.String(ds, "name") : null;
        var index = 0;
        foreach (var metric in root.GetProperty("metrics").EnumerateArray())
        {
            var pointer = JsonSourceDocument.Child("/metrics", index++);
            // "dataset" repeats over thousands of metrics: one string each, not one per metric.
            var scope = JsonArtifactReader.String(metric, "dataset") ?? defaultDataset ?? "all";
            if (Observation(document, metric, pointer, scope, cohortSize: null, diagnostics) is { } observation)
            {
                content.Metrics.Add(observation);
            }
        }

        if (!root.TryGetProperty("cohorts", out var cohorts))
        {
            return;
        }

        var seen = new HashSet<(string, string)>();
        index = 0;
        foreach (var cohort in cohorts.EnumerateArray())
        {
            var pointer = JsonSourceDocument.Child("/cohorts", index++);
            var attribute = cohort.GetProperty("attribute").GetString()!;
            var value = cohort.GetProperty("value").GetString()!;
            if (!seen.Add((attribute, value)))
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(pointer + "/value"), $"'{document.Path}' lists the cohort {EvidenceDiagnostic.Excerpt(attribute, 60)} = '{EvidenceDiagnostic.Excerpt(value, 60)}' twice; its metrics would be counted twice. List each cohort once. {Fix}"));
                continue;
            }

            // The schema bounds n to a non-negative integer; one above int.MaxValue is no test set.
            if (!cohort.GetProperty("n").TryGetInt32(out var n))
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(pointer + "/n"), $"The cohort size at {pointer}/n in '{document.Path}' is too large to be a number of test cases. {Fix}"));
                continue;
            }

            var metricIndex = 0;
            foreach (var metric in cohort.GetProperty("metrics").EnumerateArray())
            {
                var metricPointer = JsonSourceDocument.Child(pointer + "/metrics", metricIndex++);
                if (Observation(document, metric, metricPointer, $"cohort {attribute}={value}", n, diagnostics) is { } observation)
                {
                    content.CohortMetrics.Add(new CohortObservation(attribute, value, observation));
                }
            }
        }
    }

    private static MetricObservation? Observation(JsonSourceDocument document, JsonElement metric, string pointer, string scope, int? cohortSize, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var name = metric.GetProperty("name").GetString()!;
        var error = JsonArtifactReader.String(metric, "error");
        var raw = metric.GetProperty("value");
        double? number = raw.ValueKind switch
        {
            JsonValueKind.Number => raw.GetDouble(),
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            _ => null,
        };
        var where = Place.In(document.Locator, pointer + "/value");
        var observation = new MetricObservation(name, error is null ? number : null, error ?? (number is null ? "no value was recorded" : null), where, scope);
        var hasSuccesses = metric.TryGetProperty("successes", out var successesElement);
        var hasSpread = metric.TryGetProperty("standardDeviation", out var spreadElement);
        if (!hasSuccesses && !hasSpread)
        {
            return observation;
        }

        int? samples = metric.TryGetProperty("samples", out var samplesElement) ? (samplesElement.TryGetInt32(out var s) ? s : -1) : cohortSize;
        string? problem = samples switch
        {
            null => "gives successes or standardDeviation without samples, the sample size they describe",
            < 0 => "has more samples than fit a whole number",
            _ when hasSuccesses && hasSpread => "gives both successes (a pass rate) and standardDeviation (a mean score); give the one that describes it",
            _ when hasSuccesses && !(successesElement.TryGetInt32(out var k) && k <= samples) => $"has more successes than its {samples} samples",
            _ when hasSuccesses && number is { } v && samples > 0 && Math.Abs(v - (successesElement.GetInt32() / (double)samples.Value)) > 1e-6 => $"has the value {v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, but {successesElement.GetInt32()} successes of {samples} samples is {(successesElement.GetInt32() / (double)samples.Value).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)}",
            _ when hasSuccesses && number is { } v2 && samples == 0 && v2 != 0 => "has a value but no samples",
            _ => null,
        };
        if (problem is not null)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(pointer), $"Metric '{EvidenceDiagnostic.Excerpt(name, 80)}' at {pointer} in '{document.Path}' {problem}. {Fix}"));
            return null;
        }

        if (observation.Value is not { } mean)
        {
            return observation;
        }

        var aggregate = hasSuccesses
            ? SampleSummary.Proportion(successesElement.GetInt32(), samples!.Value)
            : SampleSummary.OfMean(samples!.Value, mean, spreadElement.GetDouble());
        return observation with { Aggregate = aggregate };
    }
}
