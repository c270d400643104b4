using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Statistics;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// promptfoo's <c>promptfoo eval -o results.json</c> (read as promptfoo 0.121 writes it):
/// <c>{ evalId, results: { version, timestamp, prompts, results: [...], stats: { successes, failures, errors } } }</c>.
/// Each result is a pass, an assertion failure or an error by its <c>failureReason</c> (0, 1, 2) — promptfoo writes
/// an <c>error</c> text for assertion failures too, so that text says nothing about which. The file exposes, per
/// file: <c>pass_rate</c> (successes over all results, promptfoo's own pass rate), <c>successes</c>, <c>failures</c>,
/// <c>errors</c>, and per cohort of the attributes the policy groups by, <c>pass_rate</c> again; per result:
/// <c>score</c> and every <c>namedScores</c> metric, zeros included, labelled with the result's cohort. An errored result
/// scores 0, as promptfoo scores it, for <c>score</c> and for every metric its test's assertions name — values marked
/// imputed, so they never help an upper-bound threshold pass.
/// </summary>
internal static class PromptfooFormat
{
    private const string Regenerate = "Regenerate the file with `promptfoo eval -o results.json`.";

    public static void Read(JsonSourceDocument document, ArtifactContent content, ArtifactReadOptions options, ICollection<EvidenceDiagnostic> diagnostics)
    {
        content.Format = "promptfoo";
        var locator = document.Locator;
        var results = document.Root.GetProperty("results");
        JsonArtifactReader.ReadDate(document, "/results/timestamp", content, diagnostics);
        if (!results.TryGetProperty("results", out var cases) || cases.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate("/results"), $"'{document.Path}' has no results.results array, so it is not a promptfoo results file. {Regenerate}"));
            return;
        }

        var providers = new Dictionary<string, Certification?>(StringComparer.Ordinal);
        var whole = Place.In(locator, "/results/stats");
        var cohortReported = false;
        var cohorts = new Dictionary<KeyValuePair<string, string>, (int Successes, int Results)>();
        var labelSets = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        int successes = 0, failures = 0, errors = 0, index = 0;
        foreach (var testCase in cases.EnumerateArray())
        {
            var pointer = JsonSourceDocument.Child("/results/results", index++);
            var scope = $"result {index}";
            if (testCase.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(pointer), $"Result {index} in '{document.Path}' is not an object. {Regenerate}"));
                continue;
            }

            var outcome = Outcome(testCase);
            if (outcome is null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(pointer + "/failureReason"), $"Result {index} in '{document.Path}' has a failureReason that is not 0 (passed), 1 (assertion failed) or 2 (error), or one that contradicts its 'success'. {Regenerate}"));
                continue;
            }

            var labels = CohortLabels.OfPromptfooResult(testCase, options.CohortAttributes, content, labelSets, out var cohortProblem);
            if (cohortProblem is not null && !cohortReported)
            {
                // The first such result says what is wrong; the file is invalid either way.
                cohortReported = true;
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(pointer), $"Result {index} in '{document.Path}' cannot be assigned to a cohort: {cohortProblem}. Give each test one scalar value for the attribute the policy's fairness rule names (a test variable or a metadata key), then re-run the evaluation."));
            }

            ReadProvider(testCase, pointer, locator, options, providers);
            var errored = outcome == 2;
            _ = outcome switch
            {
                0 => successes++,
                1 => failures++,
                _ => errors++,
            };

            var where = Place.In(locator, pointer);
            if (labels is not null)
            {
                foreach (var label in labels)
                {
                    cohorts.TryGetValue(label, out var tally);
                    cohorts[label] = (tally.Successes + (outcome == 0 ? 1 : 0), tally.Results + 1);
                }
            }

            if (testCase.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number)
            {
                content.Metrics.Add(new MetricObservation("score", errored ? 0 : score.GetDouble(), null, where, scope, Imputed: errored) { Labels = labels });
            }
            else if (errored)
            {
                content.Metrics.Add(new MetricObservation("score", 0, null, where, scope, Imputed: true) { Labels = labels });
            }

            var named = testCase.TryGetProperty("namedScores", out var n) && n.ValueKind == JsonValueKind.Object ? n : default;
            if (named.ValueKind == JsonValueKind.Object)
            {
                foreach (var metric in named.EnumerateObject())
                {
                    content.Metrics.Add(metric.Value.ValueKind == JsonValueKind.Number
                        ? new MetricObservation(metric.Name, errored ? 0 : metric.Value.GetDouble(), null, where, scope, Imputed: errored) { Labels = labels }
                        : new MetricObservation(metric.Name, null, $"the named score is {metric.Value.ValueKind.ToString().ToLowerInvariant()}, not a number", where, scope) { Labels = labels });
                }
            }

            if (errored)
            {
                // The metrics the test's assertions would have produced, had the provider answered.
                var reason = EvidenceDiagnostic.Excerpt(JsonArtifactReader.String(testCase, "error") ?? "no reason recorded");
                foreach (var name in AssertedMetrics(testCase).Where(m => named.ValueKind != JsonValueKind.Object || !named.TryGetProperty(m, out _)))
                {
                    content.Metrics.Add(new MetricObservation(name, 0, null, where, scope + " (errored: " + reason + ")", Imputed: true) { Labels = labels });
                }
            }
        }

        var total = successes + failures + errors;
        CheckStats(document, results, successes, failures, errors, diagnostics);
        // pass_rate as promptfoo computes it (successes over all results, errors counting against it): one value that
        // stands for the results it counts, overall and per cohort, so regression and fairness know its sample size.
        content.Metrics.Add(total == 0
            ? new MetricObservation("pass_rate", null, "the file contains no test results", whole, "all")
            : new MetricObservation("pass_rate", (double)successes / total, null, whole, "all") { Aggregate = SampleSummary.Proportion(successes, total) });
        foreach (var ((attribute, value), tally) in cohorts)
        {
            content.CohortMetrics.Add(new CohortObservation(attribute, value, new MetricObservation("pass_rate", (double)tally.Successes / tally.Results, null, whole, $"cohort {attribute}={value}") { Aggregate = SampleSummary.Proportion(tally.Successes, tally.Results) }));
        }

        content.Metrics.Add(new MetricObservation("successes", successes, null, whole, "all"));
        content.Metrics.Add(new MetricObservation("failures", failures, null, whole, "all"));
        content.Metrics.Add(new MetricObservation("errors", errors, null, whole, "all"));
        foreach (var provider in providers)
        {
            if (provider.Value is { } model)
            {
                content.ModelIds.Add(model);
            }
            else
            {
                content.UnboundProviders.Add(new Certification(provider.Key, whole, "provider"));
            }
        }
    }

    /// <summary>0 passed, 1 assertion failed, 2 error; null when the result contradicts itself.</summary>
    private static int? Outcome(JsonElement testCase)
    {
        var success = testCase.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
        if (testCase.TryGetProperty("failureReason", out var reason))
        {
            if (reason.ValueKind != JsonValueKind.Number || !reason.TryGetInt32(out var value) || value is < 0 or > 2 || (value == 0) != success)
            {
                return null;
            }

            return value;
        }

        // Files from promptfoo versions before failureReason: a failed result that was never graded is an error.
        if (success)
        {
            return 0;
        }

        return testCase.TryGetProperty("gradingResult", out var grading) && grading.ValueKind == JsonValueKind.Object ? 1 : 2;
    }

    private static IEnumerable<string> AssertedMetrics(JsonElement testCase)
    {
        if (!testCase.TryGetProperty("testCase", out var test) || test.ValueKind != JsonValueKind.Object || !test.TryGetProperty("assert", out var asserts) || asserts.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var assertion in asserts.EnumerateArray())
        {
            if (JsonArtifactReader.String(assertion, "metric") is { Length: > 0 } metric && !names.Contains(metric, StringComparer.Ordinal))
            {
                names.Add(metric);
            }
        }

        return names;
    }

    private static void ReadProvider(JsonElement testCase, string pointer, JsonLocator locator, ArtifactReadOptions options, Dictionary<string, Certification?> providers)
    {
        if (!testCase.TryGetProperty("provider", out var provider))
        {
            return;
        }

        var id = provider.ValueKind == JsonValueKind.String ? provider.GetString() : JsonArtifactReader.String(provider, "id");
        var label = JsonArtifactReader.String(provider, "label");
        var key = label is { Length: > 0 } ? $"{id} (label '{label}')" : id ?? "?";
        if (providers.ContainsKey(key))
        {
            return;
        }

        var where = Place.In(locator, pointer + "/provider");
        if (label is { Length: > 0 } && options.ModelProviders.TryGetValue(label, out var mappedByLabel))
        {
            providers[key] = new Certification(mappedByLabel, where, $"provider '{label}' mapped in model.providers");
        }
        else if (id is { Length: > 0 } && options.ModelProviders.TryGetValue(id, out var mappedById))
        {
            providers[key] = new Certification(mappedById, where, $"provider '{id}' mapped in model.providers");
        }
        else
        {
            providers[key] = PromptfooProviders.ModelOf(id) is { } model ? new Certification(model, where, $"provider '{id}'") : null;
        }
    }

    private static void CheckStats(JsonSourceDocument document, JsonElement results, int successes, int failures, int errors, ICollection<EvidenceDiagnostic> diagnostics)
    {
        if (!results.TryGetProperty("stats", out var stats) || stats.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var (name, counted) in new[] { ("successes", successes), ("failures", failures), ("errors", errors) })
        {
            if (stats.TryGetProperty(name, out var recorded) && !(recorded.ValueKind == JsonValueKind.Number && recorded.TryGetInt32(out var value) && value == counted))
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate("/results/stats/" + name), $"'{document.Path}' says stats.{name} is {EvidenceDiagnostic.Excerpt(recorded.GetRawText(), 40)}, but its results hold {counted} such result(s): the file was edited or truncated. {Regenerate}"));
                return;
            }
        }
    }
}
