using System.Globalization;
using System.Text.Json;
using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// The cohort a result belongs to, for the attributes the policy's fairness rules name — only those are read, so a
/// file with 100,000 results pays for nothing else. A cohort value is a short scalar; a result that gives one
/// attribute two values (a promptfoo variable and metadata key that disagree, two aieval tags) is invalid, because
/// counting it in either cohort would be a guess.
/// </summary>
internal static class CohortLabels
{
    /// <summary>A cohort value longer than this is no category but an identifier or a text.</summary>
    public const int MaxValueLength = 200;

    /// <summary>
    /// promptfoo: the test variable (<c>vars.&lt;attribute&gt;</c>) or the test's metadata key
    /// (<c>metadata.&lt;attribute&gt;</c>; promptfoo copies the test's metadata into each result's), read from the result,
    /// else from its <c>testCase</c>. Null when the policy names no attribute or the result carries none of them.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? OfPromptfooResult(JsonElement result, IReadOnlyCollection<string> attributes, ArtifactContent content, Dictionary<string, IReadOnlyDictionary<string, string>> shared, out string? problem)
    {
        problem = null;
        if (attributes.Count == 0)
        {
            return null;
        }

        var test = result.TryGetProperty("testCase", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
        var values = new string?[attributes.Count];
        var index = 0;
        foreach (var attribute in attributes)
        {
            var fromVars = Scalar(Member(result, "vars", attribute) ?? Member(test, "vars", attribute), $"test variable '{attribute}'", ref problem);
            var fromMetadata = Scalar(Member(result, "metadata", attribute) ?? Member(test, "metadata", attribute), $"metadata key '{attribute}'", ref problem);
            if (problem is not null)
            {
                return null;
            }

            if (fromVars is not null && fromMetadata is not null && !string.Equals(fromVars, fromMetadata, StringComparison.Ordinal))
            {
                problem = $"its test variable '{attribute}' is '{EvidenceDiagnostic.Excerpt(fromVars, 60)}' but its metadata key '{attribute}' is '{EvidenceDiagnostic.Excerpt(fromMetadata, 60)}', so its cohort is ambiguous";
                return null;
            }

            values[index++] = Record(attribute, fromVars ?? fromMetadata, content);
        }

        return Shared(attributes, values, shared);
    }

    /// <summary>
    /// aieval: a tag <c>&lt;attribute&gt;:&lt;value&gt;</c> (or <c>&lt;attribute&gt;=&lt;value&gt;</c>) of the scenario run,
    /// as passed to ScenarioRun's tags. Other tags are ignored.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? OfAiEvalRun(JsonElement run, IReadOnlyCollection<string> attributes, ArtifactContent content, Dictionary<string, IReadOnlyDictionary<string, string>> shared, out string? problem)
    {
        problem = null;
        if (attributes.Count == 0)
        {
            return null;
        }

        var tags = run.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array ? t : default;
        var values = new string?[attributes.Count];
        var index = 0;
        foreach (var attribute in attributes)
        {
            string? value = null;
            if (tags.ValueKind == JsonValueKind.Array)
            {
                foreach (var tag in tags.EnumerateArray())
                {
                    var text = tag.ValueKind == JsonValueKind.String ? tag.GetString()! : null;
                    if (text is null || text.Length <= attribute.Length || !text.StartsWith(attribute, StringComparison.Ordinal) || text[attribute.Length] is not (':' or '='))
                    {
                        continue;
                    }

                    var candidate = text.Substring(attribute.Length + 1).Trim();
                    if (candidate.Length == 0 || candidate.Length > MaxValueLength)
                    {
                        problem = $"its tag '{EvidenceDiagnostic.Excerpt(text, 80)}' gives '{attribute}' {(candidate.Length == 0 ? "an empty value" : "a value longer than " + MaxValueLength + " characters")}";
                        return null;
                    }

                    if (value is not null && !string.Equals(value, candidate, StringComparison.Ordinal))
                    {
                        problem = $"it has two tags for '{attribute}' ('{EvidenceDiagnostic.Excerpt(value, 60)}' and '{EvidenceDiagnostic.Excerpt(candidate, 60)}'), so its cohort is ambiguous";
                        return null;
                    }

                    value = candidate;
                }
            }

            values[index++] = Record(attribute, value, content);
        }

        return Shared(attributes, values, shared);
    }

    // A file has few cohorts and many results: the results of one cohort share one set of labels instead of each
    // holding its own (100,000 dictionaries for three languages).
    private static IReadOnlyDictionary<string, string>? Shared(IReadOnlyCollection<string> attributes, string?[] values, Dictionary<string, IReadOnlyDictionary<string, string>> shared)
    {
        if (values.All(v => v is null))
        {
            return null;
        }

        // Length-prefixed, so that no value (JSON strings may hold any character) can pass for two.
        var key = values.Length == 1 ? values[0]! : string.Concat(values.Select(v => v is null ? "-;" : v.Length + ":" + v + ";"));
        if (!shared.TryGetValue(key, out var labels))
        {
            var set = new Dictionary<string, string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var attribute in attributes)
            {
                if (values[index++] is { } value)
                {
                    set[attribute] = value;
                }
            }

            shared[key] = labels = set;
        }

        return labels;
    }

    private static string? Record(string attribute, string? value, ArtifactContent content)
    {
        if (value is null)
        {
            content.Unlabelled[attribute] = content.Unlabelled.TryGetValue(attribute, out var count) ? count + 1 : 1;
        }

        return value;
    }

    private static JsonElement? Member(JsonElement parent, string container, string attribute) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(container, out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty(attribute, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private static string? Scalar(JsonElement? element, string what, ref string? problem)
    {
        if (element is not { } value)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        if (text is null || text.Trim().Length == 0 || text.Length > MaxValueLength)
        {
            problem ??= $"its {what} is {(text is null ? "a" + (value.ValueKind == JsonValueKind.Array ? "n array" : "n object") : text.Length > MaxValueLength ? "longer than " + MaxValueLength + " characters" : "empty")}, not a cohort value";
            return null;
        }

        return text.Trim();
    }
}
