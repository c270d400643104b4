using System.Globalization;
using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Files;
using ShiftLeft.Build.Json;

namespace ShiftLeft.Build.Policy;

/// <summary>Reads shiftleft.json: syntax, schema, then the rules a schema cannot express. Every problem is an SL1005.</summary>
public static class PolicyLoader
{
    /// <summary>A policy file above this size is certainly a mistake (a log pasted in, a generated dump).</summary>
    public const long MaxPolicyBytes = 1024 * 1024;

    private const string FixSchema = "Fix shiftleft.json (its schema is docs/schema/shiftleft.schema.json).";

    /// <summary>The validated policy, or null when any SL1005 error was added.</summary>
    public static PolicyDocument? Load(string fullPath, string displayPath, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var text = ReadText(fullPath, displayPath, diagnostics, out var sha256);
        if (text is null)
        {
            return null;
        }

        using var document = JsonSourceDocument.Load(text.Value, displayPath, RuleIds.PolicyInvalid, FixSchema, diagnostics);
        if (document is null || !SchemaValidator.Policy.Validate(document, RuleIds.PolicyInvalid, FixSchema, diagnostics))
        {
            return null;
        }

        var before = diagnostics.Count;
        var root = Path.GetDirectoryName(Path.GetFullPath(fullPath))!;
        var customKinds = document.Root.TryGetProperty("customKinds", out var custom) ? custom.EnumerateObject().Select(k => k.Name).ToHashSet(StringComparer.Ordinal) : [];
        var kinds = new KindNames(customKinds);
        var tiers = ReadTiers(document, kinds, diagnostics);
        var systems = ReadSystems(document, root, tiers, kinds, diagnostics);
        var riskAcceptance = GovernancePolicyReader.ReadRiskAcceptance(document, diagnostics);
        var exceptions = ReadExceptions(document, systems, tiers, riskAcceptance, diagnostics);
        var baseline = GovernancePolicyReader.ReadBaseline(document, diagnostics);
        var keys = GovernancePolicyReader.ReadTrustedKeys(document, diagnostics);
        GovernancePolicyReader.CheckKeysForSignedRecords(document, tiers, riskAcceptance, keys, diagnostics);
        return diagnostics.Skip(before).Any(d => d.Level == DiagnosticLevel.Error)
            ? null
            : new PolicyDocument(Path.GetFullPath(fullPath), displayPath, systems, tiers, exceptions, customKinds, document.Locator)
            {
                Sha256 = sha256,
                Baseline = baseline,
                TrustedKeys = keys,
                RiskAcceptance = riskAcceptance,
            };
    }

    // shiftleft.json is found by MSBuild or named by ShiftLeftPolicyPath: it may be a link, but it must lead to a regular file.
    private static ReadOnlyMemory<byte>? ReadText(string fullPath, string displayPath, ICollection<EvidenceDiagnostic> diagnostics, out string sha256)
    {
        sha256 = string.Empty;
        var real = RepositoryFiles.RealPath(Path.GetFullPath(fullPath), out var problem, out _);
        var kind = real is null ? FileKind.Unknown : FileProbe.KindOf(real);
        if (real is null || Directory.Exists(real) || kind is not (FileKind.Regular or FileKind.Unknown))
        {
            var what = real is null ? problem : Directory.Exists(real) ? "it is a directory" : "it is not a regular file";
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, SourceLocation.InFile(displayPath), $"The policy '{displayPath}' cannot be read: {what}. Make shiftleft.json a regular file, or point ShiftLeftPolicyPath at one."));
            return null;
        }

        var bytes = FileContent.Read(real, MaxPolicyBytes, out var readProblem);
        if (bytes is null)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, SourceLocation.InFile(displayPath), $"The policy '{displayPath}' cannot be used: {readProblem}. {FixSchema}"));
            return null;
        }

        sha256 = Gate.ContentHashes.Of(bytes);
        return EvidenceText.Check(bytes, displayPath, RuleIds.PolicyInvalid, diagnostics);
    }

    private static Dictionary<string, TierPolicy> ReadTiers(JsonSourceDocument document, KindNames kinds, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var tiers = new Dictionary<string, TierPolicy>(TierDefaults.All, StringComparer.Ordinal);
        if (!document.Root.TryGetProperty("tiers", out var tiersElement))
        {
            return tiers;
        }

        foreach (var tier in tiersElement.EnumerateObject())
        {
            var pointer = JsonSourceDocument.Child("/tiers", tier.Name);
            tiers.TryGetValue(tier.Name, out var builtIn);
            IReadOnlyList<string>? requires = builtIn?.Requires;
            if (tier.Value.TryGetProperty("requires", out var r))
            {
                var listed = r.EnumerateArray().Select(e => e.GetString()!).ToList();
                for (var i = 0; i < listed.Count; i++)
                {
                    if (!kinds.IsKnown(listed[i]))
                    {
                        diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(JsonSourceDocument.Child(pointer + "/requires", i)), $"Tier '{tier.Name}' requires '{listed[i]}', which is {kinds.Describe(listed[i])}"));
                    }
                }

                requires = listed.Distinct(StringComparer.Ordinal).ToList();
            }

            if (requires is null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer), $"Tier '{tier.Name}' is not a built-in tier (minimal, limited, high) and declares no 'requires'. Add \"requires\": [ ...artifact kinds... ] to it."));
                continue;
            }

            var maxAge = builtIn?.MaxEvidenceAgeDays;
            if (tier.Value.TryGetProperty("maxEvidenceAgeDays", out var age))
            {
                // The schema bounds it to 1..36500; 90.0 is an integer to JSON Schema but not to GetInt32.
                maxAge = age.ValueKind == JsonValueKind.Null ? null : (int)age.GetDouble();
            }

            tiers[tier.Name] = new TierPolicy(tier.Name, requires, maxAge);
        }

        return tiers;
    }

    private static List<SystemPolicy> ReadSystems(JsonSourceDocument document, string root, IReadOnlyDictionary<string, TierPolicy> tiers, KindNames kinds, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var systems = new List<SystemPolicy>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in document.Root.GetProperty("systems").EnumerateArray())
        {
            var pointer = JsonSourceDocument.Child("/systems", index++);
            var name = element.GetProperty("name").GetString()!;
            if (!names.Add(name))
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/name"), $"System name '{name}' is declared twice. Give every system a unique name."));
            }

            var tier = element.GetProperty("riskTier").GetString()!;
            if (!tiers.ContainsKey(tier))
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/riskTier"), $"System '{name}' has unknown riskTier '{tier}'. Use minimal, limited or high, or declare '{tier}' under \"tiers\"."));
            }

            var projects = Strings(element, "projects");
            CheckGlobs(document, root, projects, pointer + "/projects", $"projects of system '{name}'", diagnostics);

            string? modelId = null;
            IReadOnlyList<string> promptFiles = [];
            var providers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (element.TryGetProperty("model", out var model))
            {
                modelId = model.TryGetProperty("id", out var id) ? id.GetString() : null;
                promptFiles = Strings(model, "promptFiles");
                CheckGlobs(document, root, promptFiles, pointer + "/model/promptFiles", $"model.promptFiles of system '{name}'", diagnostics);
                if (model.TryGetProperty("providers", out var mapping))
                {
                    foreach (var provider in mapping.EnumerateObject())
                    {
                        providers[provider.Name] = provider.Value.GetString()!;
                    }
                }
            }

            var evidence = new Dictionary<string, EvidenceEntry>(StringComparer.Ordinal);
            if (element.TryGetProperty("evidence", out var evidenceElement))
            {
                foreach (var artifact in evidenceElement.EnumerateObject())
                {
                    var artifactPointer = JsonSourceDocument.Child(pointer + "/evidence", artifact.Name);
                    var entry = artifact.Value.ValueKind == JsonValueKind.String
                        ? new EvidenceEntry(artifact.Value.GetString()!, null)
                        : new EvidenceEntry(artifact.Value.GetProperty("path").GetString()!, artifact.Value.TryGetProperty("execution", out var execution) ? execution.GetString() : null);
                    var pathPointer = artifact.Value.ValueKind == JsonValueKind.String ? artifactPointer : artifactPointer + "/path";
                    if (!kinds.IsKnown(artifact.Name))
                    {
                        diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(artifactPointer), $"System '{name}' declares evidence '{artifact.Name}', which is {kinds.Describe(artifact.Name)}"));
                    }

                    if (EvidencePaths.Problem(entry.Path) is { } problem)
                    {
                        diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pathPointer), $"Evidence path '{EvidenceDiagnostic.Excerpt(entry.Path, 120)}' of system '{name}' is invalid: {problem}. Write a relative path to one file, like docs/ai/model-card.md."));
                    }

                    evidence[artifact.Name] = entry;
                }
            }

            var thresholds = new List<ThresholdRule>();
            if (element.TryGetProperty("thresholds", out var thresholdsElement))
            {
                foreach (var threshold in thresholdsElement.EnumerateObject())
                {
                    var thresholdPointer = JsonSourceDocument.Child(pointer + "/thresholds", threshold.Name);
                    var (scope, metric) = SplitScope(threshold.Name, kinds);
                    if (metric.Trim().Length == 0)
                    {
                        diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(thresholdPointer), $"Threshold key '{EvidenceDiagnostic.Excerpt(threshold.Name, 80)}' of system '{name}' names no metric. Write the metric name, optionally after an artifact kind: \"groundedness\" or \"evaluation:groundedness\"."));
                        continue;
                    }

                    if (scope is not null && !evidence.ContainsKey(scope))
                    {
                        diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(thresholdPointer), $"Threshold '{EvidenceDiagnostic.Excerpt(threshold.Name, 80)}' of system '{name}' is scoped to '{scope}', but the system declares no '{scope}' evidence. Declare it under \"evidence\", or scope the threshold to one of: {(evidence.Count > 0 ? string.Join(", ", evidence.Keys) : "(none declared)")}."));
                        continue;
                    }

                    var expression = ThresholdExpression.TryParse(threshold.Value.GetString()!);
                    if (expression is null)
                    {
                        diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(thresholdPointer), $"Threshold '{EvidenceDiagnostic.Excerpt(threshold.Value.GetString(), 60)}' for metric '{EvidenceDiagnostic.Excerpt(threshold.Name, 100)}' is not a comparison. Write an operator (>=, >, <=, <, ==, !=) followed by a number, e.g. \">= 4\" or \"<= 0.01\"."));
                        continue;
                    }

                    thresholds.Add(new ThresholdRule(metric, scope, expression, thresholdPointer));
                }
            }

            // Regression, fairness and risk-link keys name metrics as thresholds do.
            (string? Scope, string Metric, string? Problem) SplitKey(string key)
            {
                var (scope, metric) = SplitScope(key, kinds);
                return metric.Trim().Length == 0
                    ? (scope, metric, "names no metric. Write the metric name, optionally after an artifact kind: \"groundedness\" or \"evaluation:groundedness\".")
                    : scope is not null && !evidence.ContainsKey(scope)
                        ? (scope, metric, $"is scoped to '{scope}', but the system declares no '{scope}' evidence. Declare it under \"evidence\", or scope it to one of: {(evidence.Count > 0 ? string.Join(", ", evidence.Keys) : "(none declared)")}.")
                        : (scope, metric, null);
            }

            systems.Add(new SystemPolicy(name, element.GetProperty("owner").GetString()!, tier, projects, modelId, promptFiles, providers, evidence, thresholds, pointer)
            {
                Regressions = GovernancePolicyReader.ReadRegressions(document, element, pointer, name, thresholds, SplitKey, diagnostics),
                Fairness = GovernancePolicyReader.ReadFairness(document, element, pointer, name, thresholds, SplitKey, diagnostics),
                RiskLinks = GovernancePolicyReader.ReadRiskLinks(document, element, pointer, name, SplitKey, diagnostics),
            });
        }

        return systems;
    }

    private static List<PolicyException> ReadExceptions(JsonSourceDocument document, IReadOnlyList<SystemPolicy> systems, IReadOnlyDictionary<string, TierPolicy> tiers, RiskAcceptanceSettings riskAcceptance, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var exceptions = new List<PolicyException>();
        if (!document.Root.TryGetProperty("exceptions", out var exceptionsElement))
        {
            return exceptions;
        }

        var index = 0;
        foreach (var element in exceptionsElement.EnumerateArray())
        {
            var pointer = JsonSourceDocument.Child("/exceptions", index++);
            var systemName = element.GetProperty("system").GetString()!;
            var requirement = element.GetProperty("requirement").GetString()!;
            var expiresText = element.GetProperty("expires").GetString()!;
            var system = systems.FirstOrDefault(s => s.Name == systemName);
            if (system is null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/system"), $"Exception names system '{EvidenceDiagnostic.Excerpt(systemName, 100)}', which is not declared. Use one of: {string.Join(", ", systems.Select(s => s.Name))}."));
            }
            else if (tiers.TryGetValue(system.RiskTier, out var tier) && !tier.Requires.Contains(requirement, StringComparer.Ordinal))
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/requirement"), $"Exception waives '{EvidenceDiagnostic.Excerpt(requirement, 100)}', which tier '{tier.Name}' of system '{systemName}' does not require. Use one of: {string.Join(", ", tier.Requires)}, or remove the exception."));
            }

            if (!DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/expires"), $"Exception expiry '{expiresText}' is not a real calendar date. Write the last valid day as YYYY-MM-DD, e.g. 2027-01-31."));
                continue;
            }

            var requestedBy = element.TryGetProperty("requestedBy", out var requester) ? requester.GetString() : null;
            DateOnly? approvedAt = null;
            if (element.TryGetProperty("approvedAt", out var approvedElement))
            {
                if (!DateOnly.TryParseExact(approvedElement.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var approved))
                {
                    diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer + "/approvedAt"), $"Exception approval date '{approvedElement.GetString()}' is not a real calendar date. Write the day it was approved as YYYY-MM-DD."));
                    continue;
                }

                approvedAt = approved;
            }

            if (riskAcceptance.FourEyes && (requestedBy is null || approvedAt is null))
            {
                var missing = string.Join(" and ", new[] { requestedBy is null ? "requestedBy" : null, approvedAt is null ? "approvedAt" : null }.Where(m => m is not null));
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, document.Locate(pointer), $"Exception for {EvidenceDiagnostic.Excerpt(requirement, 100)} of system '{EvidenceDiagnostic.Excerpt(systemName, 100)}' has no {missing}, which riskAcceptance.fourEyes requires: an exception is requested by one person and approved by another, on a known day. Add them, or have it approved in the portal and export the signed record."));
                continue;
            }

            var risks = element.TryGetProperty("risks", out var riskElement) ? riskElement.EnumerateArray().Select(r => r.GetString()!).ToArray() : [];
            exceptions.Add(new PolicyException(systemName, requirement, element.GetProperty("reason").GetString()!, element.GetProperty("approvedBy").GetString()!, expires, pointer)
            {
                RequestedBy = requestedBy,
                ApprovedAt = approvedAt,
                Risks = risks,
                Locator = document.Locator,
            });
        }

        return exceptions;
    }

    private static void CheckGlobs(JsonSourceDocument document, string root, IReadOnlyList<string> patterns, string pointer, string what, ICollection<EvidenceDiagnostic> diagnostics)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            var location = document.Locate(JsonSourceDocument.Child(pointer, i));
            var problem = Globs.Problem(patterns[i]);
            if (problem is not null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, location, $"Glob '{EvidenceDiagnostic.Excerpt(patterns[i], 120)}' in {what} is invalid: {problem}. Write a relative glob such as src/App/*.csproj."));
            }
            else if (Globs.Expand(root, [patterns[i]]).Count == 0)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, location, $"Glob '{EvidenceDiagnostic.Excerpt(patterns[i], 120)}' in {what} matches no file under '{root}'. Correct the pattern (paths are relative to shiftleft.json) or remove it."));
            }
        }
    }

    // "evaluation:groundedness" is scoped when the part before the first ':' is a kind; "harmful:hate" (a promptfoo
    // red-team metric) is a metric name.
    private static (string? Scope, string Metric) SplitScope(string key, KindNames kinds)
    {
        var colon = key.IndexOf(':');
        return colon > 0 && kinds.IsKnown(key.Substring(0, colon)) ? (key.Substring(0, colon), key.Substring(colon + 1)) : (null, key);
    }

    private static List<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array) ? array.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
}
