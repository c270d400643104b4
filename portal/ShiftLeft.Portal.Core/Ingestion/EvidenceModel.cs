namespace ShiftLeft.Portal.Core.Ingestion;

internal sealed record EvidenceModel(string? Id, string? PromptHash);
