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
        if (root.TryGetProperty("modelId", out var modelId))
        {
            content.CertifiedModelId = modelId.GetString();
            content.ModelIdLocation = document.Locate("/modelId");
        }

        if (root.TryGetProperty("promptHash", out var promptHash))
        {
            content.CertifiedPromptHash = promptHash.GetString();
            content.PromptHashLocation = document.Locate("/promptHash");
        }

        var defaultDataset = root.TryGetProperty("dataset", out var ds) && ds.TryGetProperty("name", out var dsName) ? dsName.GetString() : null;
        var index = 0;
        foreach (var metric in root.GetProperty("metrics").EnumerateArray())
        {
            var pointer = JsonSourceDocument.Child("/metrics", index++);
            var name = metric.GetProperty("name").GetString()!;
            var scope = metric.TryGetProperty("dataset", out var dataset) ? dataset.GetString()! : defaultDataset ?? "all";
            var error = metric.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var value = metric.GetProperty("value");
            double? number = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                _ => null,
            };
            content.Metrics.Add(new MetricObservation(name, error is null ? number : null, error ?? (number is null ? "no value was recorded" : null), document.Locate(JsonSourceDocument.Child(pointer, "value")), scope));
        }
    }
}
