using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Components.Pages.Findings;

/// <summary>
/// What the findings grid's filter bar holds. One object feeds the grid query, bulk triage and the export links, so the
/// three always act on exactly the same set.
/// </summary>
public sealed class FindingFilterModel
{
    public long? RepositoryId { get; set; }
    public string? Branch { get; set; }
    public IReadOnlyCollection<string> RuleIds { get; set; } = [];
    public IReadOnlyCollection<FindingSeverity> Severities { get; set; } = [];
    public IReadOnlyCollection<FindingState> States { get; set; } = [];
    public string? PathContains { get; set; }
    public string? OwaspCategory { get; set; }
    public FindingVisibility Visibility { get; set; } = FindingVisibility.Open;

    public FindingFilter ToFilter() => new()
    {
        RepositoryId = RepositoryId,
        Branch = string.IsNullOrWhiteSpace(Branch) ? null : Branch,
        RuleIds = RuleIds.Count == 0 ? null : RuleIds.ToArray(),
        Severities = Severities.Count == 0 ? null : Severities.ToArray(),
        States = States.Count == 0 ? null : States.ToArray(),
        PathContains = string.IsNullOrWhiteSpace(PathContains) ? null : PathContains.Trim(),
        OwaspCategory = string.IsNullOrWhiteSpace(OwaspCategory) ? null : OwaspCategory.Trim(),
        Visibility = Visibility,
    };

    /// <summary>A one-line description of the filter for confirmations ("all open Error findings of rule CS0168").</summary>
    public string Describe()
    {
        var parts = new List<string> { Visibility.ToString().ToLowerInvariant() };
        if (Severities.Count > 0) parts.Add("severity " + string.Join("/", Severities));
        if (RuleIds.Count > 0) parts.Add("rule " + string.Join("/", RuleIds));
        if (States.Count > 0) parts.Add("state " + string.Join("/", States));
        if (!string.IsNullOrWhiteSpace(PathContains)) parts.Add($"path containing '{PathContains.Trim()}'");
        if (!string.IsNullOrWhiteSpace(OwaspCategory)) parts.Add("OWASP " + OwaspCategory);
        return string.Join(", ", parts);
    }

    /// <summary>The export endpoint's query string for this filter (GET /api/v1/exports/findings).</summary>
    public string ExportUrl(FindingExportFormat format)
    {
        var query = new List<KeyValuePair<string, string?>> { new("format", format.ToString().ToLowerInvariant()) };
        if (RepositoryId is { } repositoryId) query.Add(new("repositoryId", repositoryId.ToString(CultureInfo.InvariantCulture)));
        if (!string.IsNullOrWhiteSpace(Branch)) query.Add(new("branch", Branch));
        query.AddRange(RuleIds.Select(r => new KeyValuePair<string, string?>("rule", r)));
        query.AddRange(Severities.Select(s => new KeyValuePair<string, string?>("severity", s.ToString())));
        query.AddRange(States.Select(s => new KeyValuePair<string, string?>("state", s.ToString())));
        if (!string.IsNullOrWhiteSpace(PathContains)) query.Add(new("path", PathContains.Trim()));
        if (!string.IsNullOrWhiteSpace(OwaspCategory)) query.Add(new("owasp", OwaspCategory.Trim()));
        query.Add(new("visibility", Visibility.ToString()));
        return QueryHelpers.AddQueryString("api/v1/exports/findings", query);
    }
}
