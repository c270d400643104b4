using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Components.Pages.Findings;

/// <summary>
/// What the findings grid's filter bar holds. One object feeds the grid query, bulk triage, the export links and the page's
/// address, so the four always act on exactly the same set: the query string uses the names of GET /api/v1/findings
/// (visibility, severity, rule, state, path, owasp, branch, ruleScope), so back, reload and a pasted link restore the view.
/// </summary>
public sealed record FindingFilterModel
{
    public long? RepositoryId { get; init; }
    public string? Branch { get; init; }
    public IReadOnlyCollection<string> RuleIds { get; init; } = [];
    public IReadOnlyCollection<FindingSeverity> Severities { get; init; } = [];
    public IReadOnlyCollection<FindingState> States { get; init; } = [];
    public string? PathContains { get; init; }
    public string? OwaspCategory { get; init; }
    public FindingVisibility Visibility { get; init; } = FindingVisibility.Open;

    /// <summary>Null: the signed-in person's remembered choice (the address carries it only when it was chosen here).</summary>
    public RuleScope? RuleScope { get; init; }

    public FindingFilter ToFilter(RuleScope remembered) => new()
    {
        RepositoryId = RepositoryId,
        Branch = string.IsNullOrWhiteSpace(Branch) ? null : Branch,
        RuleIds = RuleIds.Count == 0 ? null : RuleIds.ToArray(),
        Severities = Severities.Count == 0 ? null : Severities.ToArray(),
        States = States.Count == 0 ? null : States.ToArray(),
        PathContains = string.IsNullOrWhiteSpace(PathContains) ? null : PathContains.Trim(),
        OwaspCategory = string.IsNullOrWhiteSpace(OwaspCategory) ? null : OwaspCategory.Trim(),
        Visibility = Visibility,
        RuleScope = RuleScope ?? remembered,
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
        if (RuleScope == Core.Domain.RuleScope.ShiftLeft) parts.Add("ShiftLeft rules only");
        return string.Join(", ", parts);
    }

    /// <summary>The filter read from a page address (unknown or malformed values are ignored); the repository comes from the page, not the query.</summary>
    public static FindingFilterModel FromUri(string uri, long? repositoryId)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? One(string key) => query.TryGetValue(key, out var values) && values.LastOrDefault() is { Length: > 0 } value ? value.Trim() : null;
        IReadOnlyCollection<T> Many<T>(string key) where T : struct, Enum =>
            query.TryGetValue(key, out var values)
                ? values.Select(v => Enum.TryParse<T>(v, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (T?)null).OfType<T>().Distinct().ToArray()
                : [];
        return new FindingFilterModel
        {
            RepositoryId = repositoryId,
            Branch = One("branch"),
            RuleIds = query.TryGetValue("rule", out var rules) ? rules.Where(Core.Domain.RuleIds.IsValid).Select(r => r!).Distinct(StringComparer.Ordinal).ToArray() : [],
            Severities = Many<FindingSeverity>("severity"),
            States = Many<FindingState>("state"),
            PathContains = One("path"),
            OwaspCategory = One("owasp"),
            Visibility = Enum.TryParse<FindingVisibility>(One("visibility"), ignoreCase: true, out var visibility) && Enum.IsDefined(visibility) ? visibility : FindingVisibility.Open,
            RuleScope = Enum.TryParse<RuleScope>(One("ruleScope"), ignoreCase: true, out var scope) && Enum.IsDefined(scope) ? scope : null,
        };
    }

    /// <summary>The same filter as a query string on <paramref name="path"/> (the page's own address, or the export endpoint's).</summary>
    public string ToUri(string path, params KeyValuePair<string, string?>[] extra)
    {
        var query = new List<KeyValuePair<string, string?>>(extra);
        if (Visibility != FindingVisibility.Open) query.Add(new("visibility", Visibility.ToString()));
        query.AddRange(Severities.Select(s => new KeyValuePair<string, string?>("severity", s.ToString())));
        query.AddRange(RuleIds.Select(r => new KeyValuePair<string, string?>("rule", r)));
        query.AddRange(States.Select(s => new KeyValuePair<string, string?>("state", s.ToString())));
        if (!string.IsNullOrWhiteSpace(PathContains)) query.Add(new("path", PathContains.Trim()));
        if (!string.IsNullOrWhiteSpace(OwaspCategory)) query.Add(new("owasp", OwaspCategory.Trim()));
        if (!string.IsNullOrWhiteSpace(Branch)) query.Add(new("branch", Branch));
        if (RuleScope is { } scope) query.Add(new("ruleScope", scope.ToString()));
        return QueryHelpers.AddQueryString(path, query);
    }

    /// <summary>The export endpoint for this filter (GET /api/v1/exports/findings), with the scope the grid shows.</summary>
    public string ExportUrl(FindingExportFormat format, RuleScope remembered)
    {
        var exported = this with { RuleScope = RuleScope ?? remembered };
        return RepositoryId is { } repositoryId
            ? exported.ToUri("api/v1/exports/findings", new("format", format.ToString().ToLowerInvariant()), new("repositoryId", repositoryId.ToString(CultureInfo.InvariantCulture)))
            : exported.ToUri("api/v1/exports/findings", new KeyValuePair<string, string?>("format", format.ToString().ToLowerInvariant()));
    }
}
