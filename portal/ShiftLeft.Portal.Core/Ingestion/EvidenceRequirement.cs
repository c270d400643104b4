using System.Text.Json.Serialization;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

internal sealed record EvidenceRequirement(
    string Kind,
    EvidenceStatus Status,
    string? Path,
    string? Sha256,
    [property: JsonConverter(typeof(IsoInstantConverter))] DateTime? LastModified,
    double? AgeDays,
    string? DateSource,
    string? DateNote,
    [property: JsonConverter(typeof(IsoInstantConverter))] DateTime? DatedAt,
    string? CertifiedModelId,
    string? CertifiedPromptHash,
    string? StampedBy,
    [property: JsonConverter(typeof(IsoInstantConverter))] DateTime? StampedAt,
    EvidenceExecution? Execution,
    EvidenceException? Exception,
    IReadOnlyList<string>? Messages);
