using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>A finding first seen in this run (repository, branch, run and time are the writer's).</summary>
internal readonly record struct NewFindingRow(
    long Id,
    string Fingerprint,
    string RuleId,
    FindingSeverity Severity,
    string? OwaspCategory,
    string Message,
    string Path,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn,
    string? Snippet,
    bool IsSuppressed,
    string? SuppressionKind,
    string? SuppressionJustification,
    TriageStatus Triage,
    DateTime? TriageExpiresAt,
    bool IsOpen);
