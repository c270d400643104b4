using System.Globalization;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Evidence;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Policy;
using ShiftLeft.Build.Report;

namespace ShiftLeft.Build.Gate;

/// <summary>The fixed inputs of every requirement check of one system.</summary>
public sealed record RequirementContext(PolicyDocument Policy, SystemPolicy System, TierPolicy Tier, string? PromptHash, DateTimeOffset Now, int ExceptionWarningDays);

/// <summary>An artifact after its checks: the report entry, its parsed content when valid, and whether it is waived.</summary>
public sealed record CheckedArtifact(string Kind, RequirementReport Report, ArtifactContent? Content, bool Excepted);

/// <summary>Checks one artifact kind of a system: exception, presence (SL1001), validity (SL1002), freshness and certification (SL1004).</summary>
public static class RequirementEvaluator
{
    /// <summary>Evaluates <paramref name="kind"/>; findings go to <paramref name="diagnostics"/>, files to watch to <paramref name="trackedInputs"/>.</summary>
    public static CheckedArtifact Evaluate(RequirementContext context, string kind, bool required, List<EvidenceDiagnostic> diagnostics, List<string> trackedInputs)
    {
        var system = context.System;
        var report = new RequirementReport { Kind = kind, Required = required, MaxAgeDays = context.Tier.MaxEvidenceAgeDays };
        var exception = required ? ResolveException(context, kind, diagnostics) : null;
        if (exception is not null)
        {
            report.Exception = new ExceptionReport(exception.Reason, exception.ApprovedBy, exception.Expires);
        }

        var evidencePointer = JsonSourceDocument.Child(system.Pointer + "/evidence", kind);
        var policyLocation = context.Policy.Locate(evidencePointer);
        if (!system.Evidence.TryGetValue(kind, out var relativePath))
        {
            report.Status = exception is null ? RequirementStatus.Missing : RequirementStatus.Excepted;
            if (exception is null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactMissing, policyLocation, $"System '{system.Name}' (tier '{system.RiskTier}') requires evidence '{kind}' but declares no \"evidence\": {{ \"{kind}\": \"<path>\" }}. Add the path to the system's evidence in {context.Policy.DisplayPath} (`dotnet msbuild -t:ShiftLeftInit` writes a template), or record an approved exception."));
            }

            return new CheckedArtifact(kind, report, null, exception is not null);
        }

        report.Path = relativePath;
        var fullPath = Path.GetFullPath(Path.Combine(context.Policy.Directory, relativePath));
        if (!File.Exists(fullPath))
        {
            report.Status = exception is null ? RequirementStatus.Missing : RequirementStatus.Excepted;
            if (exception is null && required)
            {
                // Watched while missing so that adding it re-runs the gate (a missing input keeps the target out of date).
                trackedInputs.Add(fullPath);
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactMissing, policyLocation, $"System '{system.Name}' (tier '{system.RiskTier}') requires evidence '{kind}', but '{relativePath}' does not exist. Create it (`dotnet msbuild -t:ShiftLeftInit` writes a template) or correct the path in {context.Policy.DisplayPath}."));
            }

            return new CheckedArtifact(kind, report, null, exception is not null);
        }

        trackedInputs.Add(fullPath);
        var file = new FileInfo(fullPath);
        report.Sha256 = ContentHashes.OfFile(fullPath);
        report.LastModified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        var before = diagnostics.Count;
        var content = Read(kind, fullPath, relativePath, diagnostics);
        if (content is null)
        {
            report.Status = RequirementStatus.Invalid;
            return Finish(report, null, exception);
        }

        report.Format = content.Format;
        report.CertifiedModelId = content.CertifiedModelId;
        report.CertifiedPromptHash = content.CertifiedPromptHash;
        if (kind == TierDefaults.Kinds.RiskRegister && !content.RegisteredSystems.Contains(system.Name))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactMissing, new SourceLocation(relativePath, 1, 1), $"The risk register '{relativePath}' has no entry for system '{system.Name}'. Add at least one risk with \"system\": \"{system.Name}\"."));
            report.Status = RequirementStatus.Missing;
            return Finish(report, content, exception);
        }

        CheckFreshness(context, kind, relativePath, content, report, diagnostics);
        report.Status = diagnostics.Count > before ? RequirementStatus.Stale : RequirementStatus.Present;
        return Finish(report, content, exception);
    }

    private static CheckedArtifact Finish(RequirementReport report, ArtifactContent? content, PolicyException? exception)
    {
        if (exception is not null)
        {
            report.Status = RequirementStatus.Excepted;
        }

        return new CheckedArtifact(report.Kind, report, content, exception is not null);
    }

    private static ArtifactContent? Read(string kind, string fullPath, string relativePath, List<EvidenceDiagnostic> diagnostics)
    {
        var extension = Path.GetExtension(fullPath).ToLowerInvariant();
        if (extension is ".md" or ".markdown")
        {
            return MarkdownArtifactReader.Read(kind, fullPath, relativePath, diagnostics);
        }

        if (extension == ".json")
        {
            return JsonArtifactReader.Read(kind, fullPath, relativePath, diagnostics);
        }

        if (kind is TierDefaults.Kinds.ModelCard or TierDefaults.Kinds.DataSheet or TierDefaults.Kinds.OversightPlan
            or TierDefaults.Kinds.Evaluation or TierDefaults.Kinds.RedTeam or TierDefaults.Kinds.RiskRegister)
        {
            var expected = kind is TierDefaults.Kinds.Evaluation or TierDefaults.Kinds.RedTeam or TierDefaults.Kinds.RiskRegister ? ".json" : ".md";
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relativePath), $"The {kind} '{relativePath}' has the extension '{extension}', but a {kind} must be a {expected} file. Convert it and point the policy at the {expected} file."));
            return null;
        }

        // Other kinds (PDFs, spreadsheets, ...) are opaque: they only have to exist and be non-empty.
        if (new FileInfo(fullPath).Length == 0)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relativePath), $"The {kind} '{relativePath}' is empty. Put the document there."));
            return null;
        }

        return new ArtifactContent();
    }

    private static void CheckFreshness(RequirementContext context, string kind, string relativePath, ArtifactContent content, RequirementReport report, List<EvidenceDiagnostic> diagnostics)
    {
        var dated = content.Date ?? report.LastModified!.Value;
        var location = content.Date is null ? SourceLocation.InFile(relativePath) : content.DateLocation;
        report.AgeDays = (int)Math.Floor((context.Now - dated).TotalDays);
        report.EvidenceDate = content.Date;
        if (dated > context.Now.AddDays(1))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, location, $"The {kind} '{relativePath}' is dated {dated:yyyy-MM-dd}, in the future. Write the date the evidence was actually produced."));
        }
        else if (context.Tier.MaxEvidenceAgeDays is { } maxAge && report.AgeDays > maxAge)
        {
            var source = content.Date is null ? "its file time" : "its content";
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, location, $"The {kind} '{relativePath}' is {report.AgeDays} days old ({source} dates it {dated:yyyy-MM-dd}); tier '{context.Tier.Name}' accepts at most {maxAge} days. Re-run or re-review it and update its date."));
        }

        if (context.System.ModelId is { } modelId && content.CertifiedModelId is { } certified && !string.Equals(modelId, certified, StringComparison.Ordinal))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, content.ModelIdLocation, $"The {kind} '{relativePath}' certifies model '{certified}', but system '{context.System.Name}' now uses '{modelId}'. Re-run the evidence against '{modelId}' and update the model id it records."));
        }

        if (context.PromptHash is { } promptHash && content.CertifiedPromptHash is { } certifiedHash && !string.Equals(promptHash, certifiedHash, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, content.PromptHashLocation, $"The {kind} '{relativePath}' certifies prompt set {certifiedHash}, but the prompt files now hash to {promptHash}. Re-run the evidence with the current prompts and record the new hash (shown in obj/.../shiftleft-evidence.json as model.promptHash)."));
        }
    }

    private static PolicyException? ResolveException(RequirementContext context, string kind, List<EvidenceDiagnostic> diagnostics)
    {
        var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
        PolicyException? active = null;
        foreach (var exception in context.Policy.Exceptions.Where(e => e.System == context.System.Name && e.Requirement == kind))
        {
            var location = context.Policy.Locate(exception.Pointer + "/expires");
            var expires = exception.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var daysLeft = exception.Expires.DayNumber - today.DayNumber;
            if (daysLeft < 0)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ExceptionExpired, location, $"The exception for {kind} of system '{context.System.Name}' (approved by {exception.ApprovedBy}) expired on {expires}. Provide the {kind}, or have the exception re-approved with a new expiry date."));
                continue;
            }

            if (daysLeft < context.ExceptionWarningDays)
            {
                diagnostics.Add(EvidenceDiagnostic.Warning(RuleIds.ExceptionExpired, location, $"The exception for {kind} of system '{context.System.Name}' (approved by {exception.ApprovedBy}) expires on {expires}, in {daysLeft} day(s). Provide the {kind} before then, or have the exception renewed."));
            }

            if (active is null || exception.Expires > active.Expires)
            {
                active = exception;
            }
        }

        return active;
    }
}
