namespace ShiftLeft.Portal.Core.Ingestion;

internal sealed record EvidenceTool(string? Name, string? Version);
