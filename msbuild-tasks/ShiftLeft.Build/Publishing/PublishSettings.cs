using System.Globalization;

namespace ShiftLeft.Build.Publishing;

/// <summary>
/// How a build publishes, merged from the MSBuild properties the projects recorded (a value set in any project wins,
/// the first project by path when they differ) and the environment. The token is deliberately absent: it is read
/// from SHIFTLEFT_TOKEN or a token file at upload time and never passes through MSBuild (docs/evidence-gate.md).
/// </summary>
public sealed record PublishSettings
{
    /// <summary>Portal base URL (ShiftLeftPortalUrl / SHIFTLEFT_PORTAL_URL); null: write the SARIF, upload nothing.</summary>
    public string? PortalUrl { get; init; }

    /// <summary>File holding the ingestion token (ShiftLeftPortalTokenFile / SHIFTLEFT_TOKEN_FILE).</summary>
    public string? TokenFile { get; init; }

    public string? Repository { get; init; }

    public string? Branch { get; init; }

    public string? Commit { get; init; }

    public string? BuildId { get; init; }

    public string? SourceRoot { get; init; }

    /// <summary>Severity of a failed upload: Warning (default) or Error.</summary>
    public string FailureSeverity { get; init; } = "Warning";

    /// <summary>Retries after the first attempt, for unreachable portals, timeouts, 429 and 5xx.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Rule-id prefixes whose results are published (ShiftLeftPublishRules, default SL; * for every rule).</summary>
    public IReadOnlyList<string> Rules { get; init; } = ["SL"];

    /// <summary>GitHub code scanning category (runAutomationDetails.id); null: shiftleft/&lt;solution or project name&gt;.</summary>
    public string? Category { get; init; }

    /// <summary>Sending the token over plain http to a host other than loopback needs this (ShiftLeftPortalAllowHttp).</summary>
    public bool AllowHttp { get; init; }

    /// <summary>The MSBuild properties a project records for publishing, by name; their environment fallbacks.</summary>
    public static IReadOnlyDictionary<string, string?> Properties { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["ShiftLeftPortalUrl"] = "SHIFTLEFT_PORTAL_URL",
        ["ShiftLeftPortalTokenFile"] = "SHIFTLEFT_TOKEN_FILE",
        ["ShiftLeftRepository"] = "SHIFTLEFT_REPOSITORY",
        ["ShiftLeftBranch"] = null,
        ["ShiftLeftCommit"] = null,
        ["ShiftLeftBuildId"] = null,
        ["ShiftLeftSourceRoot"] = null,
        ["ShiftLeftPublishFailureSeverity"] = null,
        ["ShiftLeftPublishRetries"] = null,
        ["ShiftLeftPublishTimeoutSeconds"] = null,
        ["ShiftLeftPublishRules"] = null,
        ["ShiftLeftSarifCategory"] = null,
        ["ShiftLeftPortalAllowHttp"] = null,
    };

    /// <summary>Settings from recorded property values (earlier bags win) and the environment.</summary>
    public static PublishSettings From(IEnumerable<IReadOnlyDictionary<string, string>> recorded, Func<string, string?> environment, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problems);
        var bags = recorded.ToList();
        string? Get(string property)
        {
            foreach (var bag in bags)
            {
                if (bag.TryGetValue(property, out var value) && !string.IsNullOrWhiteSpace(value))
                {
                    return value.Trim();
                }
            }

            return Properties[property] is { } variable && environment(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim() : null;
        }

        var severity = Get("ShiftLeftPublishFailureSeverity") ?? "Warning";
        if (!severity.Equals("Warning", StringComparison.OrdinalIgnoreCase) && !severity.Equals("Error", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"ShiftLeftPublishFailureSeverity '{severity}' is neither Warning nor Error; Warning is used.");
            severity = "Warning";
        }

        return new PublishSettings
        {
            PortalUrl = Get("ShiftLeftPortalUrl"),
            TokenFile = Get("ShiftLeftPortalTokenFile"),
            Repository = Get("ShiftLeftRepository"),
            Branch = Get("ShiftLeftBranch"),
            Commit = Get("ShiftLeftCommit"),
            BuildId = Get("ShiftLeftBuildId"),
            SourceRoot = Get("ShiftLeftSourceRoot"),
            FailureSeverity = char.ToUpperInvariant(severity[0]) + severity.Substring(1).ToLowerInvariant(),
            Retries = Number(Get("ShiftLeftPublishRetries"), "ShiftLeftPublishRetries", 3, 0, 10, problems),
            Timeout = TimeSpan.FromSeconds(Number(Get("ShiftLeftPublishTimeoutSeconds"), "ShiftLeftPublishTimeoutSeconds", 100, 1, 3600, problems)),
            Rules = (Get("ShiftLeftPublishRules") ?? "SL").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Category = Get("ShiftLeftSarifCategory"),
            AllowHttp = string.Equals(Get("ShiftLeftPortalAllowHttp"), "true", StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <summary>Whether a result of this rule is published.</summary>
    public bool Publishes(string ruleId) => Rules.Any(prefix => prefix == "*" || ruleId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static int Number(string? value, string name, int fallback, int min, int max, ICollection<string> problems)
    {
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        problems.Add($"{name} '{value}' is not a whole number from {min} to {max}; {fallback} is used.");
        return fallback;
    }
}
