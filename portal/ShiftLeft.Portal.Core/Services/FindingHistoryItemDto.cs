using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>One run's view of the finding.</summary>
public sealed record FindingHistoryItemDto(long RunId, string Commit, string BuildId, DateTime ReceivedAt, FindingState State, int StartLine, bool IsSuppressed);
