using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Files;
using ShiftLeft.Build.Governance;
using ShiftLeft.Build.Report;

namespace ShiftLeft.Build.Gate;

/// <summary>What ShiftLeftAcceptBaseline should accept.</summary>
public sealed record AcceptRequest(string ProjectPath, string PolicyPath, string? Commit, DateTimeOffset Now, string? AcceptedBy = null);

/// <summary>
/// Accepts the current evidence as a system's baseline: runs the gate, and writes its report into
/// shiftleft-baseline.json under the system's name, with who accepted it and when (other systems' entries are kept).
/// Accepting is for a metric level someone decided to live with — a regression (SL1008), a threshold still failing
/// (SL1003), a fairness gap (SL1009) or a missing sign-off (SL1010) do not stop it; evidence that is missing, invalid
/// or stale (SL1001, SL1002, SL1004, SL1005, SL1006) does, because its numbers describe nothing.
/// </summary>
public static class BaselineAcceptor
{
    private static readonly HashSet<string> Acceptable = new(StringComparer.Ordinal) { RuleIds.MetricFailing, RuleIds.MetricRegressed, RuleIds.FairnessGap, RuleIds.SignatureInvalid };

    /// <summary>Writes the baseline and returns the line for the build log; or adds the errors that prevent it and returns null.</summary>
    public static string? Accept(AcceptRequest request, List<EvidenceDiagnostic> diagnostics)
    {
        var result = EvidenceGate.Evaluate(new GateRequest
        {
            ProjectPath = request.ProjectPath,
            PolicyPath = request.PolicyPath,
            Commit = request.Commit,
            Now = request.Now,
            ToolVersion = EvidenceGate.ToolVersion,
        });
        var blocking = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error && !Acceptable.Contains(d.Code)).ToList();
        if (result.Report is not { } report || blocking.Count > 0)
        {
            diagnostics.AddRange(blocking.Count > 0 ? blocking : result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error));
            if (diagnostics.Count == 0)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, SourceLocation.InFile(request.ProjectPath), $"Project '{Path.GetFileName(request.ProjectPath)}' belongs to no system of {Path.GetFileName(request.PolicyPath)}, so it has no evidence to accept as a baseline. Run ShiftLeftAcceptBaseline on a project of the system."));
            }

            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.MetricRegressed, SourceLocation.InFile(request.PolicyPath), "No baseline was accepted: the evidence has the problems above, and numbers from missing, invalid or stale evidence describe nothing. Fix them, then run ShiftLeftAcceptBaseline again."));
            return null;
        }

        var root = Path.GetDirectoryName(Path.GetFullPath(request.PolicyPath))!;
        var policy = Policy.PolicyLoader.Load(request.PolicyPath, Path.GetFileName(request.PolicyPath), diagnostics)!;
        var relative = policy.Baseline.Path;
        var resolved = RepositoryFiles.Resolve(root, relative);
        if (resolved.Problem is not (PathProblem.None or PathProblem.Missing))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relative), $"The baseline '{relative}' cannot be written: {resolved.Detail}. Make it a regular file inside the repository, or delete it."));
            return null;
        }

        var full = Path.Combine(root, relative);
        JsonObject? file = null;
        if (resolved.RealPath is { } existing)
        {
            // The other systems' entries are kept; a file that cannot be read back is not silently replaced.
            var bytes = FileContent.Read(existing, FileBaselineSource.MaxBytes, out var problem);
            try
            {
                file = bytes is null ? null : JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject;
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                problem = "it is not valid JSON (" + EvidenceDiagnostic.Excerpt(ex.Message, 120) + ")";
            }

            if (file is null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relative), $"The baseline '{relative}' cannot be updated: {problem ?? "it is not a JSON object"}. Restore it from version control, or delete it to start a new one."));
                return null;
            }
        }

        var systems = file?["systems"] as JsonObject ?? [];
        var who = request.AcceptedBy ?? GitIdentity.Of(root);
        var when = request.Now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        systems[report.SystemName] = new JsonObject
        {
            ["acceptedBy"] = who,
            ["acceptedAt"] = when,
            ["report"] = JsonNode.Parse(EvidenceReportWriter.Serialize(report)),
        };
        var sorted = new JsonObject();
        foreach (var (name, entry) in systems.OrderBy(s => s.Key, StringComparer.Ordinal).ToList())
        {
            systems.Remove(name);
            sorted[name] = entry;
        }

        var baseline = new JsonObject
        {
            ["$schema"] = DocumentationLinks.Schema("shiftleft-baseline.schema.json"),
            ["format"] = "shiftleft-baseline",
            ["version"] = "1",
            ["systems"] = sorted,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var text = baseline.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        File.WriteAllText(full, text, new UTF8Encoding(false));
        var regressions = report.Regressions.Count(r => r.Status == "regressed");
        return $"Accepted the evidence of system '{report.SystemName}' (commit {report.Commit ?? "unknown"}, evidenceSha256 {report.EvidenceSha256}) as its baseline: {report.Measurements.Count} measurement(s){(regressions > 0 ? $", replacing a baseline it had regressed from in {regressions} metric(s)" : string.Empty)}, accepted by {who} at {when}; written to {relative}. Commit it: the pull request is the review of the new baseline.";
    }
}
