namespace ShiftLeft.Portal.Core.Ingestion;

internal sealed record EvidenceSystem(string Name, string? Owner, string? RiskTier);
