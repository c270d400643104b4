using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Governance;
using ShiftLeft.Build.Json;

namespace ShiftLeft.Build.Policy;

/// <summary>
/// Reads the governance sections of shiftleft.json, already schema-valid: the baseline settings, trusted keys and
/// risk-acceptance rules at the top, and each system's regression rules, fairness rules and risk links. Every problem
/// is an SL1005 at the line that causes it.
/// </summary>
internal static class GovernancePolicyReader
{
    private static readonly Regex RuleId = new("^SL[0-9]{4}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static BaselineSettings ReadBaseline(JsonSourceDocument document, ICollection<EvidenceDiagnostic> diagnostics)
    {
        if (!document.Root.TryGetProperty("baseline", out var section))
        {
            return BaselineSettings.Default;
        }

        var path = OptionalString(section, "path") ?? BaselineSettings.DefaultPath;
        if (EvidencePaths.Problem(path) is { } problem)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate("/baseline/path"), $"Baseline path '{EvidenceDiagnostic.Excerpt(path, 120)}' is invalid: {problem}. Write a relative path to one file, like shiftleft-baseline.json."));
        }

        var confidence = section.TryGetProperty("confidence", out var c) ? c.GetDouble() : BaselineSettings.Default.Confidence;
        var required = section.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
        return new BaselineSettings(path, confidence, required);
    }

    public static IReadOnlyList<TrustedKey> ReadTrustedKeys(JsonSourceDocument document, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var keys = new List<TrustedKey>();
        if (!document.Root.TryGetProperty("trustedKeys", out var section))
        {
            return keys;
        }

        var index = 0;
        foreach (var entry in section.EnumerateArray())
        {
            var pointer = JsonSourceDocument.Child("/trustedKeys", index++);
            var id = entry.GetProperty("id").GetString()!;
            if (keys.Any(k => k.Id == id))
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/id"), $"Trusted key id '{EvidenceDiagnostic.Excerpt(id, 100)}' is declared twice; a record naming it would be ambiguous. Give every key its own id."));
                continue;
            }

            var key = TrustedKey.Parse(id, entry.GetProperty("publicKey").GetString()!, pointer, out var problem);
            if (key is null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/publicKey"), $"Trusted key '{EvidenceDiagnostic.Excerpt(id, 100)}' cannot be used: {problem}. Paste the portal's ECDSA P-256 public key as base64 SubjectPublicKeyInfo (or a PEM \"PUBLIC KEY\" block)."));
                continue;
            }

            keys.Add(key);
        }

        return keys;
    }

    /// <summary>A sign-off or an exception record can only be verified with a key: requiring one without any key is a policy error.</summary>
    public static void CheckKeysForSignedRecords(JsonSourceDocument document, IReadOnlyDictionary<string, TierPolicy> tiers, RiskAcceptanceSettings riskAcceptance, IReadOnlyList<TrustedKey> keys, ICollection<EvidenceDiagnostic> diagnostics)
    {
        if (keys.Count > 0 || document.Root.TryGetProperty("trustedKeys", out _))
        {
            return;
        }

        var signing = tiers.Values.FirstOrDefault(t => t.Requires.Contains(TierDefaults.Kinds.SignOff));
        if (signing is not null)
        {
            var index = signing.Requires.ToList().IndexOf(TierDefaults.Kinds.SignOff);
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(JsonSourceDocument.Child(JsonSourceDocument.Child("/tiers", signing.Name) + "/requires", index)), $"Tier '{signing.Name}' requires a release sign-off, but the policy lists no trustedKeys to verify one with. Add the portal's public key: \"trustedKeys\": [ {{ \"id\": \"portal\", \"publicKey\": \"<base64>\" }} ]."));
        }

        if (riskAcceptance.Records.Count > 0)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate("/riskAcceptance/records"), "riskAcceptance.records names exception records, but the policy lists no trustedKeys to verify their signatures with. Add the portal's public key under \"trustedKeys\"."));
        }
    }

    public static RiskAcceptanceSettings ReadRiskAcceptance(JsonSourceDocument document, ICollection<EvidenceDiagnostic> diagnostics)
    {
        if (!document.Root.TryGetProperty("riskAcceptance", out var section))
        {
            return RiskAcceptanceSettings.Legacy;
        }

        var fourEyes = section.TryGetProperty("fourEyes", out var f) && f.ValueKind == JsonValueKind.True;
        var maxDays = section.TryGetProperty("maxExceptionDays", out var m) ? (int)m.GetDouble() : RiskAcceptanceSettings.DefaultMaxExceptionDays;
        var allowUnsigned = !fourEyes || (section.TryGetProperty("unsignedExceptions", out var u) && u.GetString() == "allow");
        var records = section.TryGetProperty("records", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
        for (var i = 0; i < records.Count; i++)
        {
            if (Globs.Problem(records[i]) is { } problem)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(JsonSourceDocument.Child("/riskAcceptance/records", i)), $"Glob '{EvidenceDiagnostic.Excerpt(records[i], 120)}' in riskAcceptance.records is invalid: {problem}. Write a relative glob such as governance/exceptions/*.json."));
            }
        }

        return new RiskAcceptanceSettings(fourEyes, maxDays, allowUnsigned, records, "/riskAcceptance");
    }

    public static IReadOnlyList<RegressionRule> ReadRegressions(JsonSourceDocument document, JsonElement system, string systemPointer, string systemName, IReadOnlyList<ThresholdRule> thresholds, Func<string, (string? Scope, string Metric, string? Problem)> splitKey, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var rules = new List<RegressionRule>();
        if (!system.TryGetProperty("regression", out var section))
        {
            return rules;
        }

        foreach (var entry in section.EnumerateObject())
        {
            var pointer = JsonSourceDocument.Child(systemPointer + "/regression", entry.Name);
            var (scope, metric, keyProblem) = splitKey(entry.Name);
            if (keyProblem is not null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer), $"Regression rule '{EvidenceDiagnostic.Excerpt(entry.Name, 100)}' of system '{systemName}' {keyProblem}"));
                continue;
            }

            var raw = entry.Value.GetProperty("maxRegression");
            double allowed;
            var relative = raw.ValueKind == JsonValueKind.String;
            if (relative)
            {
                var text = raw.GetString()!;
                if (!double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !double.IsFinite(percent) || percent > 100)
                {
                    diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/maxRegression"), $"maxRegression '{EvidenceDiagnostic.Excerpt(text, 40)}' of '{EvidenceDiagnostic.Excerpt(entry.Name, 100)}' is not a percentage from 0% to 100%. Write a number in the metric's unit (0.05) or a share of the baseline value (\"5%\")."));
                    continue;
                }

                allowed = percent / 100;
            }
            else
            {
                allowed = raw.GetDouble();
            }

            var better = Direction(document, entry.Value, pointer, entry.Name, scope, metric, thresholds, "regression rule", diagnostics);
            if (better is null)
            {
                continue;
            }

            var minSamples = (int)entry.Value.GetProperty("minSamples").GetDouble();
            rules.Add(new RegressionRule(metric, scope, allowed, relative, relative ? raw.GetString()! : raw.GetRawText(), minSamples, better.Value, pointer));
        }

        return rules;
    }

    public static IReadOnlyList<FairnessRule> ReadFairness(JsonSourceDocument document, JsonElement system, string systemPointer, string systemName, IReadOnlyList<ThresholdRule> thresholds, Func<string, (string? Scope, string Metric, string? Problem)> splitKey, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var rules = new List<FairnessRule>();
        if (!system.TryGetProperty("fairness", out var section))
        {
            return rules;
        }

        var entries = section.ValueKind == JsonValueKind.Array
            ? section.EnumerateArray().Select((e, i) => (Element: e, Pointer: JsonSourceDocument.Child(systemPointer + "/fairness", i))).ToList()
            : [(section, systemPointer + "/fairness")];
        foreach (var (element, pointer) in entries)
        {
            var key = element.GetProperty("metric").GetString()!;
            var (scope, metric, keyProblem) = splitKey(key);
            if (keyProblem is not null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/metric"), $"Fairness rule metric '{EvidenceDiagnostic.Excerpt(key, 100)}' of system '{systemName}' {keyProblem}"));
                continue;
            }

            var better = Direction(document, element, pointer, key, scope, metric, thresholds, "fairness rule", diagnostics);
            if (better is null)
            {
                continue;
            }

            double? min = element.TryGetProperty("worstCohortMin", out var mn) ? mn.GetDouble() : null;
            double? max = element.TryGetProperty("worstCohortMax", out var mx) ? mx.GetDouble() : null;
            if ((min is not null && better == MetricDirection.LowerIsBetter) || (max is not null && better == MetricDirection.HigherIsBetter))
            {
                var (wrong, right) = min is not null ? ("worstCohortMin", "worstCohortMax") : ("worstCohortMax", "worstCohortMin");
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/" + wrong), $"The fairness rule for '{EvidenceDiagnostic.Excerpt(key, 100)}' sets {wrong}, but {(better == MetricDirection.LowerIsBetter ? "lower" : "higher")} is better for this metric, so the worst cohort is the one with the {(better == MetricDirection.LowerIsBetter ? "highest" : "lowest")} value. Use {right} instead."));
                continue;
            }

            rules.Add(new FairnessRule(metric, scope, element.GetProperty("attribute").GetString()!, element.GetProperty("maxGap").GetDouble(), (int)element.GetProperty("minCohortSize").GetDouble(), min, max, better.Value, pointer));
        }

        return rules;
    }

    public static IReadOnlyList<RiskLink> ReadRiskLinks(JsonSourceDocument document, JsonElement system, string systemPointer, string systemName, Func<string, (string? Scope, string Metric, string? Problem)> splitKey, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var links = new List<RiskLink>();
        if (!system.TryGetProperty("risks", out var section))
        {
            return links;
        }

        foreach (var entry in section.EnumerateObject())
        {
            var pointer = JsonSourceDocument.Child(systemPointer + "/risks", entry.Name);
            var isRule = RuleId.IsMatch(entry.Name);
            var (scope, metric, problem) = isRule ? (null, entry.Name, null) : splitKey(entry.Name);
            if (problem is not null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer), $"Risk link '{EvidenceDiagnostic.Excerpt(entry.Name, 100)}' of system '{systemName}' is neither a rule id (SL1003, SL0001) nor a valid metric: it {problem}"));
                continue;
            }

            links.Add(new RiskLink(entry.Name, isRule, scope, isRule ? null : metric, entry.Value.EnumerateArray().Select(e => e.GetString()!).Distinct(StringComparer.Ordinal).ToList(), pointer));
        }

        return links;
    }

    // Which way is better: said by the rule, else by the metric's threshold (a lower bound means higher is better).
    private static MetricDirection? Direction(JsonSourceDocument document, JsonElement rule, string pointer, string key, string? scope, string metric, IReadOnlyList<ThresholdRule> thresholds, string what, ICollection<EvidenceDiagnostic> diagnostics)
    {
        MetricDirection? stated = OptionalString(rule, "better") switch
        {
            "higher" => MetricDirection.HigherIsBetter,
            "lower" => MetricDirection.LowerIsBetter,
            _ => null,
        };
        var threshold = thresholds.FirstOrDefault(t => Same(t.Metric, metric) && t.Kind == scope) ?? thresholds.FirstOrDefault(t => Same(t.Metric, metric) && t.Kind is null);
        MetricDirection? implied = threshold?.Expression.Operator switch
        {
            ">=" or ">" => MetricDirection.HigherIsBetter,
            "<=" or "<" => MetricDirection.LowerIsBetter,
            _ => null,
        };
        if (stated is not null && implied is not null && stated != implied)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/better"), $"The {what} for '{EvidenceDiagnostic.Excerpt(key, 100)}' says {(stated == MetricDirection.HigherIsBetter ? "higher" : "lower")} is better, but its threshold '{threshold!.Expression.Text}' says the opposite. Correct \"better\" or the threshold."));
            return null;
        }

        if (stated is null && implied is null)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer), $"The {what} for '{EvidenceDiagnostic.Excerpt(key, 100)}' cannot tell whether a higher or a lower value is better: the metric has no >=, >, <= or < threshold. Add \"better\": \"higher\" (scores, pass rates) or \"better\": \"lower\" (defect rates, latency)."));
            return null;
        }

        return stated ?? implied;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string? OptionalString(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
