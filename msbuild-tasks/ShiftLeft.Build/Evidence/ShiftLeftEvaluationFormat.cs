using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Json;

namespace ShiftLeft.Build.Evidence;

/// <summary>ShiftLeft's own evaluation format (docs/schema/shiftleft-evaluation.schema.json), already schema-valid here.</summary>
internal static class ShiftLeftEvaluationFormat
{
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
            // "name" and "dataset" repeat over thousands of metrics: one string each, not one per metric.
            var name = metric.GetProperty("name").GetString()!;
            var scope = JsonArtifactReader.String(metric, "dataset") ?? defaultDataset ?? "all";
            var error = JsonArtifactReader.String(metric, "error");
            var value = metric.GetProperty("value");
            double? number = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                _ => null,
            };
            content.Metrics.Add(new MetricObservation(name, error is null ? number : null, error ?? (number is null ? "no value was recorded" : null), Place.In(document.Locator, pointer + "/value"), scope));
        }
    }
}
