using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>What this run saw of one finding.</summary>
internal readonly record struct OccurrenceRow(long FindingId, FindingState State, int StartLine, int StartColumn, bool IsSuppressed, string? SuppressionJustification);
