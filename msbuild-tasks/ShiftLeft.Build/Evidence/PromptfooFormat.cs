using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Json;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// promptfoo's <c>promptfoo eval -o results.json</c>: <c>{ results: { timestamp, results: [...], stats } }</c>.
/// Exposes <c>pass_rate</c> (successes over all cases, errors counting as failures), <c>score</c>, <c>failures</c>,
/// <c>errors</c> and every <c>namedScores</c> metric; a test case that errored is a failed measurement of each named metric.
/// </summary>
internal static class PromptfooFormat
{
    public static void Read(JsonSourceDocument document, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics)
    {
        content.Format = "promptfoo";
        JsonArtifactReader.ReadDate(document, "/timestamp", content, diagnostics);
        JsonArtifactReader.ReadDate(document, "/results/timestamp", content, diagnostics);

        var results = document.Root.GetProperty("results");
        if (!results.TryGetProperty("results", out var cases) || cases.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate("/results"), $"'{document.Path}' has no results.results array, so it is not a promptfoo results file. Regenerate it with `promptfoo eval -o results.json`."));
            return;
        }

        var namedMetrics = cases.EnumerateArray()
            .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("namedScores", out var s) && s.ValueKind == JsonValueKind.Object)
            .SelectMany(c => c.GetProperty("namedScores").EnumerateObject().Select(p => p.Name))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var providers = new HashSet<string>(StringComparer.Ordinal);
        int successes = 0, failures = 0, errors = 0, index = 0;
        foreach (var testCase in cases.EnumerateArray())
        {
            var pointer = JsonSourceDocument.Child("/results/results", index++);
            var location = document.Locate(pointer);
            var scope = $"case {index}";
            if (testCase.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, location, $"Result {index} in '{document.Path}' is not an object. Regenerate the file with `promptfoo eval -o results.json`."));
                continue;
            }

            if (testCase.TryGetProperty("provider", out var provider))
            {
                var id = provider.ValueKind == JsonValueKind.Object && provider.TryGetProperty("id", out var pid) ? pid.GetString() : provider.ValueKind == JsonValueKind.String ? provider.GetString() : null;
                if (!string.IsNullOrEmpty(id))
                {
                    providers.Add(id!);
                }
            }

            var error = testCase.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String && e.GetString()!.Length > 0 ? e.GetString() : null;
            if (error is not null)
            {
                errors++;
                foreach (var name in namedMetrics)
                {
                    content.Metrics.Add(new MetricObservation(name, null, "the test case errored: " + error, location, scope));
                }

                continue;
            }

            if (testCase.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True)
            {
                successes++;
            }
            else
            {
                failures++;
            }

            if (testCase.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number)
            {
                content.Metrics.Add(new MetricObservation("score", score.GetDouble(), null, location, scope));
            }

            if (testCase.TryGetProperty("namedScores", out var named) && named.ValueKind == JsonValueKind.Object)
            {
                foreach (var metric in named.EnumerateObject())
                {
                    content.Metrics.Add(metric.Value.ValueKind == JsonValueKind.Number
                        ? new MetricObservation(metric.Name, metric.Value.GetDouble(), null, location, scope)
                        : new MetricObservation(metric.Name, null, "no numeric score was recorded", location, scope));
                }
            }
        }

        var total = successes + failures + errors;
        var whole = document.Locate("/results");
        content.Metrics.Add(total == 0
            ? new MetricObservation("pass_rate", null, "the file contains no test results", whole, "all")
            : new MetricObservation("pass_rate", (double)successes / total, null, whole, "all"));
        content.Metrics.Add(new MetricObservation("failures", failures, null, whole, "all"));
        content.Metrics.Add(new MetricObservation("errors", errors, null, whole, "all"));

        // promptfoo ids look like "openai:chat:gpt-4o-2024-08-06"; the model id is the last segment.
        if (providers.Count == 1)
        {
            var id = providers.First();
            content.CertifiedModelId = id.Substring(id.LastIndexOf(':') + 1);
            content.ModelIdLocation = whole;
        }
    }
}
