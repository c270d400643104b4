using System.Globalization;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Api;

/// <summary>
/// Finding filters from a query string, shared by the findings API and exports: repositoryId, branch, rule (repeatable),
/// severity (repeatable: Error/Warning/Note/None), state (repeatable: New/Unchanged/Fixed/Reintroduced), path, owasp,
/// visibility (Open/All/Triaged/Suppressed), ruleScope (All/ShiftLeft).
/// </summary>
internal static class QueryBinding
{
    public static FindingFilter Filter(HttpRequest request)
    {
        var q = request.Query;
        return new FindingFilter
        {
            RepositoryId = Long(q["repositoryId"].FirstOrDefault(), "repositoryId"),
            Branch = NullIfEmpty(q["branch"].FirstOrDefault()),
            RuleIds = q["rule"].Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!.Trim()).ToList(),
            Severities = q["severity"].Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Enum<FindingSeverity>(s!, "severity")).ToList(),
            States = q["state"].Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Enum<FindingState>(s!, "state")).ToList(),
            PathContains = NullIfEmpty(q["path"].FirstOrDefault()),
            OwaspCategory = NullIfEmpty(q["owasp"].FirstOrDefault()),
            Visibility = q["visibility"].FirstOrDefault() is { Length: > 0 } v ? Enum<FindingVisibility>(v, "visibility") : FindingVisibility.Open,
            RuleScope = q["ruleScope"].FirstOrDefault() is { Length: > 0 } scope ? Enum<RuleScope>(scope, "ruleScope") : RuleScope.All,
        };
    }

    public static T Enum<T>(string value, string name) where T : struct, Enum =>
        System.Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new PortalValidationException($"'{value}' is not a valid {name}; use one of {string.Join(", ", System.Enum.GetNames<T>())}.");

    private static long? Long(string? value, string name) =>
        string.IsNullOrEmpty(value) ? null
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : throw new PortalValidationException($"'{name}' must be a number.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
