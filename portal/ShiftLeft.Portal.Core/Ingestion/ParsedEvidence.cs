namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>An evidence report that passed the checks: its typed content, the redacted JSON kept for the audit package and its hash.</summary>
internal sealed record ParsedEvidence(EvidenceReportDocument Report, string RedactedJson, string Sha256, IReadOnlyList<string> Warnings)
{
    public string SystemName => Report.System.Name;

    public bool GatePassed => Report.Gate.Passed;
}
