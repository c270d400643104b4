using System.Text.Json.Serialization;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// A shiftleft-evidence.json as the gate writes it (docs/schema/shiftleft-evidence.schema.json, schemaVersion 1.x), read by
/// System.Text.Json after the schema accepted it; the records named Evidence* are its parts. Only what the portal uses is typed:
/// unknown fields stay in the stored JSON. Strings are already free of control characters and redacted (EvidenceReportParser).
/// </summary>
internal sealed record EvidenceReportDocument(
    string SchemaVersion,
    [property: JsonConverter(typeof(IsoInstantConverter))] DateTime? GeneratedAt,
    EvidenceTool? Tool,
    string? Project,
    string? Commit,
    EvidenceSystem System,
    EvidenceModel? Model,
    EvidenceGate Gate,
    IReadOnlyList<EvidenceRequirement>? Requirements,
    IReadOnlyList<EvidenceMetric>? Metrics);
