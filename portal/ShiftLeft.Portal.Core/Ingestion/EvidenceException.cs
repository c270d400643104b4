using System.Text.Json.Serialization;

namespace ShiftLeft.Portal.Core.Ingestion;

internal sealed record EvidenceException(string Reason, string ApprovedBy, [property: JsonConverter(typeof(IsoInstantConverter))] DateTime? Expires);
