namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>The aieval execution the gate read, and those it ignored.</summary>
internal sealed record EvidenceExecution(string Name, string SelectedBy, IReadOnlyList<string> Ignored);
