using System.Text.Json.Serialization;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>One threshold checked in one artifact (<see cref="Kind"/>): a metric name can appear once per artifact reporting it.</summary>
internal sealed record EvidenceMetric(
    string Name,
    string? Kind,
    double? Value,
    [property: JsonConverter(typeof(ThresholdConverter))] double? Threshold,
    bool Passed,
    string? Source);
