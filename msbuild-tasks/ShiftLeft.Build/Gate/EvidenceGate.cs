using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Governance;
using ShiftLeft.Build.Policy;
using ShiftLeft.Build.Report;

namespace ShiftLeft.Build.Gate;

/// <summary>
/// The evidence gate: finds the project's system in shiftleft.json, checks each required artifact and threshold,
/// and produces the evidence report and SL1001-SL1007 diagnostics.
/// </summary>
public static class EvidenceGate
{
    /// <summary>The version of ShiftLeft.Build written to reports: the package's version when run from a package.</summary>
    public static string ToolVersion { get; } = Gate.ToolVersion.Of(typeof(EvidenceGate).Assembly);

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

        var records = ExceptionRecords.Load(policy, system, result.TrackedInputs, result.Diagnostics).ToList();
        if (request.Portal is { } portal)
        {
            records.AddRange(ExceptionRecords.Load(policy, system, portal, policy.Locate(system.Pointer), result.Diagnostics));
        }

        var commands = ProjectCommand.For(request.ProjectPath, policy.Directory, request.StartupDirectory);
        var context = new RequirementContext(policy, system, policy.Tiers[system.RiskTier], prompts, request.Now, request.ExceptionWarningDays, commands)
        {
            Exceptions = [.. policy.Exceptions, .. records.Where(r => r.Exception is not null).Select(r => r.Exception!)],
        };
        var kinds = context.Tier.Requires.Concat(system.Evidence.Keys.Where(k => !context.Tier.Requires.Contains(k))).ToList();
        var artifacts = kinds.Select(kind => RequirementEvaluator.Read(context, kind, context.Tier.Requires.Contains(kind), result.TrackedInputs)).ToList();
        var baseline = system.Regressions.Count == 0 ? null : FindBaseline(request, policy, system, commands, result);
        var signOff = artifacts.FirstOrDefault(a => a.Kind == TierDefaults.Kinds.SignOff);
        report.EvidenceSha256 = EvidenceDigest.Of(
            system.Name, system.RiskTier, system.ModelId, prompts.Hash, policy.Sha256,
            artifacts.Where(a => a != signOff).Select(a => (a.Kind, a.Report.Path, a.Report.Sha256)),
            baseline?.Baseline?.EntrySha256, records.Select(r => (r.Path, r.Sha256)));
        report.SignOff = SignOffVerifier.Check(context, signOff, report.EvidenceSha256, report.Commit, request.Portal);

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
                check.Report.Risks = RiskLinks.For(system, null, check.Report.Kind, rule.Metric);
                report.Metrics.Add(check.Report);
                RecordCheck(check.Source, check.Report.Passed, new MetricRef(check.Report.Kind, rule.Metric), check.Diagnostics, result.Diagnostics);
            }
        }

        report.Measurements.AddRange(Measurements(system, artifacts));
        if (baseline is not null)
        {
            report.Baseline = BaselineReportOf(baseline);
        }

        foreach (var rule in system.Regressions)
        {
            foreach (var check in RegressionEvaluator.Evaluate(context, rule, artifacts, baseline!))
            {
                check.Report.Risks = RiskLinks.For(system, null, check.Report.Kind, rule.Metric);
                report.Regressions.Add(check.Report);
                RecordCheck(check.Source, check.Report.Passed, new MetricRef(check.Report.Kind, rule.Metric), check.Diagnostics, result.Diagnostics);
            }
        }

        foreach (var rule in system.Fairness)
        {
            foreach (var check in FairnessEvaluator.Evaluate(policy, rule, artifacts))
            {
                check.Report.Risks = RiskLinks.For(system, null, check.Report.Kind, rule.Metric);
                report.Fairness.Add(check.Report);
                RecordCheck(check.Source, check.Report.Passed, new MetricRef(check.Report.Kind, rule.Metric), check.Diagnostics, result.Diagnostics);
            }
        }

        var register = artifacts.FirstOrDefault(a => a.Kind == TierDefaults.Kinds.RiskRegister)?.Content;
        report.RegisteredRisks.AddRange(register?.Risks.Where(r => r.System == system.Name) ?? []);
        report.RiskLinks.AddRange(system.RiskLinks.Select(l => new RiskLinkReport(l.Target, l.IsRule ? "rule" : "metric", l.Risks)));
        result.Diagnostics.AddRange(RiskLinks.Check(context, register));

        report.Requirements.AddRange(artifacts.Select(a => a.Report));
        report.Passed = result.Diagnostics.All(d => d.Level != DiagnosticLevel.Error);
        report.Diagnostics.AddRange(result.Diagnostics.Select(d => new DiagnosticReport(
            d.Code, d.Level == DiagnosticLevel.Error ? "error" : "warning", d.Message,
            d.Location.File is { } file ? (Path.IsPathRooted(file) ? Globs.Relative(policy.Directory, file) : file) : null,
            d.Location.Line > 0 ? d.Location.Line : null, d.Location.Column > 0 ? d.Location.Column : null)
        {
            Risks = RiskLinks.For(system, d.Code, d.Metric?.Kind, d.Metric?.Name),
        }));
        return report;
    }

    // A failed check marks its artifact failing; its findings are recorded about the metric it checked.
    private static void RecordCheck(CheckedArtifact? source, bool passed, MetricRef metric, List<EvidenceDiagnostic> found, List<EvidenceDiagnostic> all)
    {
        if (!passed && source?.Report.Status == RequirementStatus.Present && found.Any(d => d.Level == DiagnosticLevel.Error))
        {
            source.Report.Status = RequirementStatus.Failing;
        }

        Record(source?.Report, source?.Excepted == true, found.Select(d => d with { Metric = metric }).ToList(), all);
    }

    // The portal's accepted baseline, then the committed file (or the other way round, when chosen), then any further
    // source; the first that knows the system wins.
    private static BaselineLookup FindBaseline(GateRequest request, PolicyDocument policy, SystemPolicy system, ProjectCommand commands, GateResult result)
    {
        var file = new FileBaselineSource(policy, commands);
        var sources = new List<IBaselineSource> { file };
        if (request.Portal is { } portal)
        {
            var online = new PortalBaselineSource(portal, policy.Locate(system.Pointer), $"Accept the baseline again in the portal, or check that ShiftLeftPortalUrl is a ShiftLeft portal (schema: {DocumentationLinks.Schema("shiftleft-baseline.schema.json")}).");
            sources.Insert(request.CommittedBaselineFirst ? 1 : 0, online);
        }

        foreach (var source in sources.Concat(request.BaselineSources))
        {
            var lookup = source.Find(system.Name, result.TrackedInputs, result.Diagnostics);
            if (lookup.Status != BaselineLookupStatus.NotFound)
            {
                return lookup;
            }
        }

        return BaselineLookup.NotFound;
    }

    private static BaselineReport BaselineReportOf(BaselineLookup lookup) => lookup.Baseline is { } b
        ? new BaselineReport { Status = "used", Source = b.Source, Location = b.Location, AcceptedBy = b.AcceptedBy, AcceptedAt = b.AcceptedAt, Commit = b.Commit, GeneratedAt = b.GeneratedAt, EvidenceSha256 = b.EvidenceSha256 }
        : new BaselineReport { Status = lookup.Status == BaselineLookupStatus.Invalid ? "invalid" : "none" };

    // Every (artifact, metric) a threshold, regression or fairness rule reads, once: what an accepted baseline keeps.
    private static IEnumerable<MeasurementReport> Measurements(SystemPolicy system, IReadOnlyList<CheckedArtifact> artifacts)
    {
        var keys = system.Thresholds.Select(t => (t.Kind, t.Metric))
            .Concat(system.Regressions.Select(r => (r.Kind, r.Metric)))
            .Concat(system.Fairness.Select(f => (f.Kind, f.Metric)));
        var seen = new HashSet<(string, string)>();
        foreach (var (kind, metric) in keys)
        {
            foreach (var artifact in artifacts.Where(a => (kind is null || a.Kind == kind) && a.Content is not null))
            {
                var samples = MetricSamples.Of(artifact.Content!.Metrics, metric);
                if (samples.First is not null && seen.Add((artifact.Kind, metric.ToLowerInvariant())))
                {
                    yield return MeasurementReport.Of(artifact.Kind, metric, artifact.Report.Path, samples.Summary, samples.Errored);
                }
            }
        }
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
