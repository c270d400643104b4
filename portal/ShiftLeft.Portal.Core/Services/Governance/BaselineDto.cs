namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>One acceptance of an evidence report as a system's baseline.</summary>
public sealed record BaselineDto(long Id, long AiSystemId, long EvidenceReportId, string Branch, string Commit, string AcceptedBy, DateTime AcceptedAt);
