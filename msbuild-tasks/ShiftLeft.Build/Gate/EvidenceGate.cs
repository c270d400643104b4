using System.Reflection;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Policy;
using ShiftLeft.Build.Report;

namespace ShiftLeft.Build.Gate;

/// <summary>
/// The evidence gate: finds the project's system in shiftleft.json, checks each required artifact and threshold,
/// and produces the evidence report and SL1001-SL1007 diagnostics.
/// </summary>
public static class EvidenceGate
{
    /// <summary>The informational version of this assembly, written to reports.</summary>
    public static string ToolVersion { get; } = (typeof(EvidenceGate).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>Evaluates the gate for one project; never throws for bad input.</summary>
    public static GateResult Evaluate(GateRequest request)
    {
        var result = new GateResult();
        var aiPackages = AiSdkPackages.Find(request.PackageReferences, request.AiSdkPatterns);
        if (request.PolicyPath is null)
        {
            if (aiPackages.Count > 0)
            {
                result.Diagnostics.Add(EvidenceDiagnostic.Warning(RuleIds.UndeclaredAiSystem, PackageLocation(request.ProjectPath, aiPackages[0]), $"Project '{Path.GetFileName(request.ProjectPath)}' references the AI SDK '{aiPackages[0]}' but no shiftleft.json was found in its folder or any parent. Run `dotnet msbuild -t:ShiftLeftInit` to declare the AI system, or set ShiftLeftPolicyPath."));
            }

            return result;
        }

        var policyPath = Path.GetFullPath(request.PolicyPath);
        result.PolicyDirectory = Path.GetDirectoryName(policyPath)!;
        result.TrackedInputs.Add(policyPath);
        if (!File.Exists(policyPath) && !Directory.Exists(policyPath))
        {
            result.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, SourceLocation.InFile(policyPath), $"The policy file '{policyPath}' given by ShiftLeftPolicyPath does not exist. Correct ShiftLeftPolicyPath or run `dotnet msbuild -t:ShiftLeftInit`."));
            return result;
        }

        var policy = PolicyLoader.Load(policyPath, Path.GetFileName(policyPath), result.Diagnostics);
        if (policy is null)
        {
            return result;
        }

        var projectRelative = Globs.Relative(result.PolicyDirectory, request.ProjectPath);
        var systems = policy.Systems.Where(s => s.Projects.Any(p => Globs.Matches(p, projectRelative))).ToList();
        if (systems.Count > 1)
        {
            result.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, policy.Locate(systems[1].Pointer + "/projects"), $"Project '{projectRelative}' is matched by the projects globs of several systems ({string.Join(", ", systems.Select(s => s.Name))}). Narrow the globs so each project belongs to exactly one system."));
            return result;
        }

        if (systems.Count == 0)
        {
            if (aiPackages.Count > 0)
            {
                result.Diagnostics.Add(EvidenceDiagnostic.Warning(RuleIds.UndeclaredAiSystem, PackageLocation(request.ProjectPath, aiPackages[0]), $"Project '{projectRelative}' references the AI SDK '{aiPackages[0]}' but belongs to no system declared in {policy.DisplayPath}. Add the project to a system's \"projects\" globs (or declare a new system) so the AI inventory is complete."));
            }

            return result;
        }

        result.Report = BuildReport(request, policy, systems[0], projectRelative, result);
        return result;
    }

    private static EvidenceReport BuildReport(GateRequest request, PolicyDocument policy, SystemPolicy system, string projectRelative, GateResult result)
    {
        var prompts = PromptSet.Load(policy, system, result.Diagnostics);
        result.TrackedInputs.AddRange(system.PromptFiles.Select(p => Path.Combine(policy.Directory, p)));
        var report = new EvidenceReport
        {
            GeneratedAt = request.Now,
            ToolVersion = request.ToolVersion,
            Project = projectRelative,
            Policy = policy.DisplayPath,
            Commit = string.IsNullOrWhiteSpace(request.Commit) ? GitRevision.Read(policy.Directory, result.TrackedInputs) : request.Commit!.Trim(),
            SystemName = system.Name,
            SystemOwner = system.Owner,
            RiskTier = system.RiskTier,
            ModelId = system.ModelId,
            PromptHash = prompts.Hash,
            Severity = request.Severity,
        };
        report.PromptFiles.AddRange(prompts.RelativePaths);

        var context = new RequirementContext(policy, system, policy.Tiers[system.RiskTier], prompts, request.Now, request.ExceptionWarningDays, projectRelative);
        var kinds = context.Tier.Requires.Concat(system.Evidence.Keys.Where(k => !context.Tier.Requires.Contains(k))).ToList();
        var artifacts = kinds.Select(kind => RequirementEvaluator.Read(context, kind, context.Tier.Requires.Contains(kind), result.TrackedInputs)).ToList();

        // Artifacts whose content records no date are dated together: one git call for all of them.
        var undated = artifacts.Where(a => a.Content is { Date: null } && a.Report.Path is not null).ToList();
        var dates = CommitDates.Resolve(policy.Directory, undated.Select(a => a.Report.Path!).Distinct(StringComparer.Ordinal).ToList(), path => undated.First(a => a.Report.Path == path).Report.LastModified ?? request.Now);
        foreach (var artifact in artifacts)
        {
            RequirementEvaluator.CheckFreshness(context, artifact, artifact.Report.Path is { } path && dates.TryGetValue(path, out var date) ? date : null);
            Record(artifact.Report, artifact.Excepted, artifact.Diagnostics, result.Diagnostics);
        }

        foreach (var rule in system.Thresholds)
        {
            foreach (var check in MetricEvaluator.Evaluate(policy, rule, artifacts))
            {
                report.Metrics.Add(check.Report);
                if (!check.Report.Passed && check.Source?.Report.Status == RequirementStatus.Present)
                {
                    check.Source.Report.Status = RequirementStatus.Failing;
                }

                Record(check.Source?.Report, check.Source?.Excepted == true, check.Diagnostics, result.Diagnostics);
            }
        }

        report.Requirements.AddRange(artifacts.Select(a => a.Report));
        report.Passed = result.Diagnostics.All(d => d.Level != DiagnosticLevel.Error);
        report.Diagnostics.AddRange(result.Diagnostics.Select(d => new DiagnosticReport(
            d.Code, d.Level == DiagnosticLevel.Error ? "error" : "warning", d.Message,
            d.Location.File is { } file ? (Path.IsPathRooted(file) ? Globs.Relative(policy.Directory, file) : file) : null,
            d.Location.Line > 0 ? d.Location.Line : null, d.Location.Column > 0 ? d.Location.Column : null)));
        return report;
    }

    // A waived requirement still shows its problems, as warnings, so the owner sees what the exception hides.
    private static void Record(RequirementReport? requirement, bool excepted, List<EvidenceDiagnostic> found, List<EvidenceDiagnostic> all)
    {
        foreach (var diagnostic in found)
        {
            var demote = excepted && diagnostic.Code != RuleIds.ExceptionExpired && diagnostic.Level == DiagnosticLevel.Error;
            all.Add(demote ? diagnostic with { Level = DiagnosticLevel.Warning, Message = diagnostic.Message + " (Waived by an approved exception.)" } : diagnostic);
            requirement?.Messages.Add(diagnostic.Code + ": " + diagnostic.Message);
        }
    }

    private static SourceLocation PackageLocation(string projectPath, string packageId)
    {
        try
        {
            var lines = File.ReadAllLines(projectPath);
            for (var i = 0; i < lines.Length; i++)
            {
                var column = lines[i].IndexOf("\"" + packageId + "\"", StringComparison.OrdinalIgnoreCase);
                if (column >= 0 && lines[i].Contains("PackageReference"))
                {
                    return new SourceLocation(projectPath, i + 1, column + 2);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The location is a convenience; the warning stands without it.
        }

        return SourceLocation.InFile(projectPath);
    }
}
