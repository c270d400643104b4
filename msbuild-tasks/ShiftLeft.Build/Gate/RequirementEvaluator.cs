using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Evidence;
using ShiftLeft.Build.Files;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Policy;
using ShiftLeft.Build.Report;

namespace ShiftLeft.Build.Gate;

/// <summary>The fixed inputs of every requirement check of one system.</summary>
public sealed record RequirementContext(PolicyDocument Policy, SystemPolicy System, TierPolicy Tier, PromptSet Prompts, DateTimeOffset Now, int ExceptionWarningDays, string ProjectRelative)
{
    /// <summary>The exceptions that may waive this system's requirements: those of shiftleft.json and the signed records read.</summary>
    public IReadOnlyList<PolicyException> Exceptions { get; init; } = Policy.Exceptions;

    /// <summary>The command that certifies an artifact for the current model and prompts.</summary>
    public string StampCommand(string artifact) =>
        $"`dotnet msbuild {ProjectRelative} -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact={artifact}`";
}

/// <summary>An artifact after its checks: the report entry, its parsed content when valid, whether it is waived, and its findings.</summary>
public sealed record CheckedArtifact(string Kind, RequirementReport Report, ArtifactContent? Content, bool Excepted)
{
    /// <summary>Findings about this artifact, recorded once all its checks ran.</summary>
    public List<EvidenceDiagnostic> Diagnostics { get; } = [];
}

/// <summary>
/// Checks one artifact kind of a system: exception, presence (SL1001), validity (SL1002), then — once every artifact
/// is read and dated — freshness and what it certifies (SL1004).
/// </summary>
public static class RequirementEvaluator
{
    /// <summary>Opaque evidence (PDFs, spreadsheets) is hashed, never parsed; it still has a limit.</summary>
    public const long MaxOpaqueBytes = 64L * 1024 * 1024;

    /// <summary>Resolves, reads and parses <paramref name="kind"/>; files to watch go to <paramref name="trackedInputs"/>.</summary>
    public static CheckedArtifact Read(RequirementContext context, string kind, bool required, List<string> trackedInputs)
    {
        var system = context.System;
        var report = new RequirementReport { Kind = kind, Required = required, MaxAgeDays = context.Tier.MaxEvidenceAgeDays };
        var findings = new List<EvidenceDiagnostic>();
        var exception = required ? ExceptionResolver.Resolve(context, kind, findings) : null;
        if (exception is not null)
        {
            report.Exception = ExceptionReport.Of(exception);
        }

        var evidencePointer = JsonSourceDocument.Child(system.Pointer + "/evidence", kind);
        var policyLocation = context.Policy.Locate(evidencePointer);
        if (!system.Evidence.TryGetValue(kind, out var entry))
        {
            report.Status = exception is null ? RequirementStatus.Missing : RequirementStatus.Excepted;
            // A missing sign-off is reported once the evidence digest it must sign is known (SignOffVerifier).
            if (exception is null && kind != TierDefaults.Kinds.SignOff)
            {
                findings.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactMissing, policyLocation, $"System '{system.Name}' (tier '{system.RiskTier}') requires evidence '{kind}' but declares no \"evidence\": {{ \"{kind}\": \"<path>\" }}. Add the path to the system's evidence in {context.Policy.DisplayPath} (`dotnet msbuild -t:ShiftLeftInit` writes a template), or record an approved exception."));
            }

            return With(new CheckedArtifact(kind, report, null, exception is not null), findings);
        }

        var relativePath = entry.Path;
        report.Path = relativePath;
        var fullPath = Path.GetFullPath(Path.Combine(context.Policy.Directory, relativePath));
        var resolved = RepositoryFiles.Resolve(context.Policy.Directory, relativePath);
        if (resolved.Problem == PathProblem.Missing)
        {
            report.Status = exception is null ? RequirementStatus.Missing : RequirementStatus.Excepted;
            if (exception is null && required)
            {
                // Watched while missing so that adding it re-runs the gate (a missing input keeps the target out of date).
                trackedInputs.Add(fullPath);
            }

            if (exception is null && required && kind != TierDefaults.Kinds.SignOff)
            {
                findings.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactMissing, policyLocation, $"System '{system.Name}' (tier '{system.RiskTier}') requires evidence '{kind}', but '{relativePath}' does not exist. Create it (`dotnet msbuild -t:ShiftLeftInit` writes a template) or correct the path in {context.Policy.DisplayPath}."));
            }

            return With(new CheckedArtifact(kind, report, null, exception is not null), findings);
        }

        trackedInputs.Add(fullPath);
        if (resolved.RealPath is not { } real)
        {
            findings.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relativePath), $"The {kind} '{relativePath}' cannot be used as evidence: {resolved.Detail}. Evidence must be a regular file inside the repository; put the file itself at that path."));
            return Invalid(report, exception, findings);
        }

        var extension = Path.GetExtension(relativePath).ToLowerInvariant();
        var limit = extension is ".md" or ".markdown" ? MarkdownArtifactReader.MaxBytes : extension == ".json" ? JsonArtifactReader.MaxBytes : MaxOpaqueBytes;
        var bytes = FileContent.Read(real, limit, out var readProblem);
        if (bytes is null)
        {
            findings.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relativePath), $"The {kind} '{relativePath}' cannot be used: {readProblem}. Keep the file below the limit and readable by the build."));
            return Invalid(report, exception, findings);
        }

        report.Sha256 = ContentHashes.Of(bytes);
        report.LastModified = LastWrite(real);
        var content = Parse(context, kind, relativePath, extension, entry, bytes, findings);
        if (content is null)
        {
            return Invalid(report, exception, findings);
        }

        if (TierDefaults.Kinds.Certifies(kind))
        {
            StampSidecar.Read(context.Policy.Directory, relativePath, report.Sha256, context.StampCommand(relativePath), content, findings, trackedInputs);
        }

        report.Format = content.Format;
        report.StampedBy = content.StampedBy;
        report.StampedAt = content.StampedAt;
        report.Execution = content.Execution;
        report.CertifiedModelId = Joined(content.ModelIds);
        report.CertifiedPromptHash = Joined(content.PromptHashes);
        if (findings.Any(f => f.Level == DiagnosticLevel.Error && f.Code == RuleIds.ArtifactInvalid))
        {
            return Invalid(report, exception, findings);
        }

        if (kind == TierDefaults.Kinds.RiskRegister && !content.RegisteredSystems.Contains(system.Name))
        {
            findings.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactMissing, new SourceLocation(relativePath, 1, 1), $"The risk register '{relativePath}' has no entry for system '{system.Name}'. Add at least one risk with \"system\": \"{system.Name}\"."));
            report.Status = exception is null ? RequirementStatus.Missing : RequirementStatus.Excepted;
            return With(new CheckedArtifact(kind, report, content, exception is not null), findings);
        }

        report.Status = exception is null ? RequirementStatus.Present : RequirementStatus.Excepted;
        return With(new CheckedArtifact(kind, report, content, exception is not null), findings);
    }

    /// <summary>
    /// Age, future dates and certification (SL1004) of an artifact that was read; <paramref name="dated"/> dates it when
    /// its content records no date.
    /// </summary>
    public static void CheckFreshness(RequirementContext context, CheckedArtifact artifact, ArtifactDate? dated)
    {
        if (artifact.Content is not { } content)
        {
            return;
        }

        var report = artifact.Report;
        if (artifact.Kind == TierDefaults.Kinds.SignOff)
        {
            // A sign-off is valid for the evidence it signs, however long ago; SignOffVerifier checks it.
            (report.EvidenceDate, report.DatedAt, report.DateSource) = (content.Date, content.Date, "content");
            return;
        }

        var relativePath = report.Path!;
        var before = artifact.Diagnostics.Count;
        var (date, source, note) = content.Date is { } recorded ? (recorded, "content", null) : (dated?.Date, dated?.Source ?? "fileTime", dated?.Note);
        // Resolved only for a finding: locating a JSON value maps the whole file, which a passing gate never needs.
        SourceLocation Location() => content.Date is null ? SourceLocation.InFile(relativePath) : content.DateWhere.Resolve();
        report.EvidenceDate = content.Date;
        report.DateSource = source;
        report.DateNote = note;
        report.DatedAt = date;
        var kind = artifact.Kind;
        if (date is null)
        {
            if (context.Tier.MaxEvidenceAgeDays is { } limit)
            {
                artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, Location(), $"The {kind} '{relativePath}' records no date and cannot be dated otherwise: it is {note}. Tier '{context.Tier.Name}' accepts evidence at most {limit} days old. Record the date in the file (e.g. last_reviewed / date), or fetch the full history (e.g. actions/checkout with fetch-depth: 0)."));
            }
        }
        else
        {
            report.AgeDays = (int)Math.Floor((context.Now - date.Value).TotalDays);
            var basis = source switch
            {
                "content" => $"its content dates it {date:yyyy-MM-dd}",
                "commit" => $"its last commit dates it {date:yyyy-MM-dd}",
                _ => $"its file time dates it {date:yyyy-MM-dd}, as it is {note}",
            };
            if (date > context.Now.AddDays(1))
            {
                artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, Location(), $"The {kind} '{relativePath}' is dated in the future ({basis}). Write the date the evidence was actually produced."));
            }
            else if (context.Tier.MaxEvidenceAgeDays is { } maxAge && report.AgeDays > maxAge)
            {
                artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, Location(), $"The {kind} '{relativePath}' is {report.AgeDays} days old ({basis}); tier '{context.Tier.Name}' accepts at most {maxAge} days. Re-run or re-review it and update its date."));
            }
        }

        if (TierDefaults.Kinds.Certifies(kind))
        {
            CheckCertification(context, artifact, content);
        }

        if (artifact.Diagnostics.Skip(before).Any(d => d.Level == DiagnosticLevel.Error) && report.Status == RequirementStatus.Present)
        {
            report.Status = RequirementStatus.Stale;
        }
    }

    // Every evaluation, red-team result and model card must say which model and which prompt set it was produced
    // against, and each thing it says must be the current one: otherwise a prompt edit leaves old results vouching
    // for new prompts.
    private static void CheckCertification(RequirementContext context, CheckedArtifact artifact, ArtifactContent content)
    {
        var system = context.System;
        var relativePath = artifact.Report.Path!;
        var stamp = context.StampCommand(relativePath);
        var missing = new List<string>();
        var providerHint = string.Empty;
        if (system.ModelId is { } modelId)
        {
            if (content.ModelIds.Count == 0 || (content.UnboundProviders.Count > 0 && !content.ModelIds.Any(m => m.Source == "stamp")))
            {
                missing.Add("which model it was produced against");
                if (content.UnboundProviders.Count > 0)
                {
                    providerHint = $"Its promptfoo provider {string.Join(", ", content.UnboundProviders.Select(p => "'" + EvidenceDiagnostic.Excerpt(p.Value, 100) + "'"))} names no model (echo, local scripts and endpoints never count as a model id): map its label or id to '{modelId}' under model.providers in {context.Policy.DisplayPath}, or stamp the file. ";
                }
            }

            foreach (var certified in content.ModelIds.Where(m => !string.Equals(m.Value, modelId, StringComparison.Ordinal)))
            {
                artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, certified.Where.Resolve(), $"The {artifact.Kind} '{relativePath}' certifies model '{EvidenceDiagnostic.Excerpt(certified.Value, 100)}' ({certified.Source}), but system '{system.Name}' now uses '{modelId}'. Re-run the evidence against '{modelId}' and update the model id it records, or stamp it once checked: {stamp}"));
            }
        }

        if (context.Prompts.Hash is { } promptHash)
        {
            if (content.PromptHashes.Count == 0)
            {
                missing.Add("which prompt set it was produced against");
            }

            foreach (var certified in content.PromptHashes.Where(h => !string.Equals(h.Value, promptHash, StringComparison.OrdinalIgnoreCase)))
            {
                artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, certified.Where.Resolve(), $"The {artifact.Kind} '{relativePath}' certifies prompt set {EvidenceDiagnostic.Excerpt(certified.Value, 80)} ({certified.Source}), but the prompt files now hash to {promptHash}: it was produced against other prompts. Re-run it with the current prompts, then stamp it: {stamp}"));
            }
        }

        if (missing.Count > 0)
        {
            var where = Path.GetExtension(relativePath).Equals(".md", StringComparison.OrdinalIgnoreCase) ? "model_id and prompt_hash in its front matter" : $"a stamp beside it ({Path.GetFileName(StampSidecar.PathOf(relativePath))})";
            artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, new SourceLocation(relativePath, 1, 1), $"The {artifact.Kind} '{relativePath}' does not say {string.Join(", nor ", missing)}. {providerHint}Once you have checked that it was produced against the current model and prompts, certify it: {stamp} (records {where}, with who stamped it and when)."));
        }
    }

    private static ArtifactContent? Parse(RequirementContext context, string kind, string relativePath, string extension, EvidenceEntry entry, byte[] bytes, List<EvidenceDiagnostic> findings)
    {
        var builtIn = TierDefaults.Kinds.All.Contains(kind);
        if (extension is ".md" or ".markdown" or ".json")
        {
            if (builtIn && (extension == ".json") != TierDefaults.Kinds.IsJson(kind))
            {
                return WrongExtension(kind, relativePath, extension, findings);
            }

            if (EvidenceText.Check(bytes, relativePath, RuleIds.ArtifactInvalid, findings) is not { } text)
            {
                return null;
            }

            var placeholder = TemplatePlaceholder.Find(text.Span);
            if (placeholder >= 0)
            {
                var (line, column) = new TextPositions(text).LineAndColumn(placeholder);
                var next = TierDefaults.Kinds.Certifies(kind) && (context.System.ModelId is not null || context.Prompts.Hash is not null)
                    ? $", then certify it for the current model and prompts: {context.StampCommand(relativePath)}"
                    : string.Empty;
                findings.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(relativePath, line, column), $"'{relativePath}' still contains the template placeholder {TemplatePlaceholder.Marker}. Replace every {TemplatePlaceholder.Marker} with real content (the template from ShiftLeftInit is not evidence){next}."));
                return null;
            }

            var options = new ArtifactReadOptions(context.System.ModelProviders, entry.Execution, context.System.Fairness.Where(f => f.Kind is null || f.Kind == kind).Select(f => f.Attribute).Distinct(StringComparer.Ordinal).ToList());
            return extension == ".json"
                ? JsonArtifactReader.Read(kind, text, relativePath, options, findings)
                : MarkdownArtifactReader.Read(kind, text, relativePath, findings);
        }

        if (builtIn)
        {
            return WrongExtension(kind, relativePath, extension, findings);
        }

        // Other kinds (PDFs, spreadsheets, ...) are opaque: they only have to exist and be non-empty.
        if (bytes.Length == 0)
        {
            findings.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relativePath), $"The {kind} '{relativePath}' is empty. Put the document there."));
            return null;
        }

        return new ArtifactContent();
    }

    private static ArtifactContent? WrongExtension(string kind, string relativePath, string extension, List<EvidenceDiagnostic> findings)
    {
        var expected = TierDefaults.Kinds.IsJson(kind) ? ".json" : ".md";
        findings.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relativePath), $"The {kind} '{relativePath}' has the extension '{EvidenceDiagnostic.Excerpt(extension, 20)}', but a {kind} must be a {expected} file. Convert it and point the policy at the {expected} file."));
        return null;
    }

    private static CheckedArtifact Invalid(RequirementReport report, PolicyException? exception, List<EvidenceDiagnostic> findings)
    {
        report.Status = exception is null ? RequirementStatus.Invalid : RequirementStatus.Excepted;
        return With(new CheckedArtifact(report.Kind, report, null, exception is not null), findings);
    }

    private static CheckedArtifact With(CheckedArtifact artifact, List<EvidenceDiagnostic> findings)
    {
        artifact.Diagnostics.AddRange(findings);
        return artifact;
    }

    private static DateTimeOffset? LastWrite(string path)
    {
        try
        {
            return new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Joined(IEnumerable<Certification> certifications)
    {
        var values = certifications.Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }
}
