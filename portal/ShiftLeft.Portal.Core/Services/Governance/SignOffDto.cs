namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>A release sign-off as lists and the API show it.</summary>
public sealed record SignOffDto(long Id, long AiSystemId, string SystemName, long EvidenceReportId, string Commit, string EvidenceSha256, string Signer, DateTime SignedAt, string Comment, string KeyId);
