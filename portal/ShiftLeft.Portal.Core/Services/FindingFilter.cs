using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// Filters for the grid, exports and bulk triage. Empty collections / nulls mean "no filter". <see cref="Branch"/> null
/// means the repository's default branch (every default branch when <see cref="RepositoryId"/> is null).
/// <see cref="PathContains"/> is a case-insensitive substring of the repository-relative path.
/// </summary>
public sealed record FindingFilter
{
    public long? RepositoryId { get; init; }
    public string? Branch { get; init; }
    public IReadOnlyCollection<string>? RuleIds { get; init; }
    public IReadOnlyCollection<FindingSeverity>? Severities { get; init; }
    public IReadOnlyCollection<FindingState>? States { get; init; }
    public string? PathContains { get; init; }
    public string? OwaspCategory { get; init; }
    public FindingVisibility Visibility { get; init; } = FindingVisibility.Open;

    /// <summary><see cref="RuleScope.ShiftLeft"/> keeps ShiftLeft's own rules only (on top of <see cref="RuleIds"/>).</summary>
    public RuleScope RuleScope { get; init; } = RuleScope.All;
}
