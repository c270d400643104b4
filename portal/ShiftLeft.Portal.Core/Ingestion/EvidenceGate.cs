namespace ShiftLeft.Portal.Core.Ingestion;

internal sealed record EvidenceGate(bool Passed, string? Severity);
