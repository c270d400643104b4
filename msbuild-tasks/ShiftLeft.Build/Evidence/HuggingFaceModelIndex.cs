using System.Globalization;
using ShiftLeft.Build.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// Reads Hugging Face <c>model-index[].results[].metrics[] {type, value, name}</c> from model-card front matter,
/// so thresholds can be met by metrics published in the card itself.
/// </summary>
internal static class HuggingFaceModelIndex
{
    public static void Read(YamlNode node, string displayPath, Func<YamlNode, SourceLocation> at, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics)
    {
        if (node is not YamlSequenceNode models)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, at(node), $"'model-index' in '{displayPath}' must be a list of models. Follow the Hugging Face model-card metadata layout: model-index: [ {{ name, results: [ {{ task, dataset, metrics }} ] }} ]."));
            return;
        }

        foreach (var model in models.Children.OfType<YamlMappingNode>())
        {
            if (Scalar(model, "name") is { } name && !content.ModelIds.Any(m => m.Source == "model-index"))
            {
                content.ModelIds.Add(new Certification(name, Place.At(at(model)), "model-index"));
            }

            if (Child(model, "results") is not YamlSequenceNode results)
            {
                continue;
            }

            foreach (var result in results.Children.OfType<YamlMappingNode>())
            {
                var dataset = Child(result, "dataset") is YamlMappingNode d ? Scalar(d, "name") ?? Scalar(d, "type") : null;
                if (Child(result, "metrics") is not YamlSequenceNode metrics)
                {
                    continue;
                }

                foreach (var metric in metrics.Children.OfType<YamlMappingNode>())
                {
                    var metricName = Scalar(metric, "type") ?? Scalar(metric, "name");
                    if (metricName is null)
                    {
                        continue;
                    }

                    var raw = Scalar(metric, "value");
                    var where = Place.At(at(metric));
                    content.Metrics.Add(double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                        ? new MetricObservation(metricName, value, null, where, dataset ?? "model-index")
                        : new MetricObservation(metricName, null, $"value '{EvidenceDiagnostic.Excerpt(raw, 40)}' is not a finite number", where, dataset ?? "model-index"));
                }
            }
        }

        content.Format ??= "huggingface-model-index";
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) =>
        Child(map, key) is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;
}
