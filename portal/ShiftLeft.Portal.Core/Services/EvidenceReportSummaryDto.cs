using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

public sealed record EvidenceReportSummaryDto(long Id, long RunId, string Commit, DateTime ReceivedAt, DateTime? GeneratedAt, bool GatePassed, string? GateSeverity);
