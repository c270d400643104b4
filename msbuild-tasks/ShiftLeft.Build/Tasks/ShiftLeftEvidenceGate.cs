using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;
using ShiftLeft.Build.Governance;
using ShiftLeft.Build.Publishing;
using ShiftLeft.Build.Report;

namespace ShiftLeft.Build.Tasks;

/// <summary>
/// MSBuild entry point of the evidence gate. Thin by design: it maps properties to a <see cref="GateRequest"/>,
/// logs the findings with their SL100x code, file, line and help link, and writes the report and the
/// incremental-build bookkeeping files.
/// </summary>
public sealed class ShiftLeftEvidenceGate : Microsoft.Build.Utilities.Task
{
    /// <summary>$(MSBuildProjectFullPath).</summary>
    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>Full path of shiftleft.json; empty when none was found.</summary>
    public string? PolicyPath { get; set; }

    /// <summary>@(PackageReference), for SL1007.</summary>
    public ITaskItem[] PackageReferences { get; set; } = [];

    /// <summary>Extra AI SDK package ids (trailing * = prefix), added to the built-in list.</summary>
    public string[] AiSdkPackages { get; set; } = [];

    /// <summary>Error (default), Warning or None.</summary>
    public string Severity { get; set; } = "Error";

    /// <summary>$(SourceRevisionId); when empty HEAD is read from .git.</summary>
    public string? Commit { get; set; }

    /// <summary>Days before expiry at which an exception starts to warn (SL1006).</summary>
    public int ExceptionWarningDays { get; set; } = 14;

    /// <summary>Where shiftleft-evidence.json is written.</summary>
    [Required]
    public string ReportPath { get; set; } = string.Empty;

    /// <summary>Written only when the gate passes, so a failing gate is re-run by the next build.</summary>
    [Required]
    public string StampPath { get; set; } = string.Empty;

    /// <summary>
    /// Receives the findings of a run that writes no report (SL1007, an unreadable policy), for publishing; deleted
    /// when there are none or a report holds them. Empty: not written.
    /// </summary>
    public string? FindingsPath { get; set; }

    /// <summary>Receives the files and globs the next build must watch (read back by the targets).</summary>
    [Required]
    public string InputsListPath { get; set; } = string.Empty;

    /// <summary>
    /// Receives the warnings (and, with Severity=None, the messages) of a passing run, which an up-to-date build replays;
    /// deleted when there are none.
    /// </summary>
    [Required]
    public string ReplayPath { get; set; } = string.Empty;

    /// <summary>$(MSBuildStartupDirectory): the commands messages print (stamp, accept a baseline) work from there.</summary>
    public string? StartupDirectory { get; set; }

    /// <summary>$(ShiftLeftEvidenceNow): the instant the gate treats as now (ISO-8601); empty for the machine's clock.</summary>
    public string? Now { get; set; }

    /// <summary>$(ShiftLeftPortalUrl) (else SHIFTLEFT_PORTAL_URL): with a token, the gate asks the portal (docs/evidence-gate.md "Asking the portal").</summary>
    public string? PortalUrl { get; set; }

    /// <summary>$(ShiftLeftPortalTokenFile) (else SHIFTLEFT_TOKEN_FILE); SHIFTLEFT_TOKEN wins over both.</summary>
    public string? PortalTokenFile { get; set; }

    /// <summary>$(ShiftLeftRepository) (else SHIFTLEFT_REPOSITORY, CI variables, the git remote): the repository the portal knows.</summary>
    public string? Repository { get; set; }

    /// <summary>$(ShiftLeftPortalAllowHttp).</summary>
    public bool PortalAllowHttp { get; set; }

    /// <summary>$(ShiftLeftGovernanceOnline): false keeps the gate offline even with a portal URL.</summary>
    public string? GovernanceOnline { get; set; }

    /// <summary>$(ShiftLeftGovernanceTimeoutSeconds): the longest one lookup may take (1-120, default 10).</summary>
    public string? GovernanceTimeoutSeconds { get; set; }

    /// <summary>$(ShiftLeftBaselineSource): Portal (default) or Committed, which baseline wins when both exist.</summary>
    public string? BaselineSource { get; set; }

    /// <summary>The report written, empty when the project belongs to no system.</summary>
    [Output]
    public ITaskItem[] Report { get; private set; } = [];

    /// <summary>True once the gate ran in this build (an up-to-date build skips it and replays its cached warnings instead).</summary>
    [Output]
    public bool Ran { get; private set; }

    public override bool Execute()
    {
        try
        {
            return Run();
        }
        catch (Exception ex)
        {
            // Bad input is reported by the readers as SL100x; reaching this is a defect, reported without a stack trace.
            Log.LogError(null, "SL1000", null, RuleIds.HelpLink("SL1000"), ProjectPath, 0, 0, 0, 0, $"ShiftLeft.Build failed unexpectedly ({ex.GetType().Name}: {EvidenceDiagnostic.Excerpt(ex.Message)}). Report this defect with the files named above; set ShiftLeftEvidenceGateEnabled=false to build meanwhile.");
            return false;
        }
    }

    private bool Run()
    {
        Ran = true;
        var severity = NormalizeSeverity();
        if (!GateClock.TryParse(Now, out var now))
        {
            Log.LogError(null, RuleIds.PolicyInvalid, null, RuleIds.HelpLink(RuleIds.PolicyInvalid), ProjectPath, 0, 0, 0, 0, $"ShiftLeftEvidenceNow is '{EvidenceDiagnostic.Excerpt(Now, 60)}', which is not an ISO-8601 instant. Write it like 2026-11-27T10:00:00Z, or leave it empty to use the machine's clock.");
            return false;
        }

        var committedFirst = false;
        if (!string.IsNullOrWhiteSpace(BaselineSource))
        {
            committedFirst = BaselineSource!.Trim().Equals("Committed", StringComparison.OrdinalIgnoreCase);
            if (!committedFirst && !BaselineSource.Trim().Equals("Portal", StringComparison.OrdinalIgnoreCase))
            {
                Log.LogError(null, RuleIds.PolicyInvalid, null, RuleIds.HelpLink(RuleIds.PolicyInvalid), ProjectPath, 0, 0, 0, 0, $"ShiftLeftBaselineSource is '{EvidenceDiagnostic.Excerpt(BaselineSource, 60)}', which is neither Portal nor Committed. Set Portal (the portal's accepted baseline wins) or Committed (shiftleft-baseline.json wins).");
                return false;
            }
        }

        using var portal = ConnectPortal();
        var result = EvidenceGate.Evaluate(new GateRequest
        {
            Portal = portal,
            CommittedBaselineFirst = committedFirst,
            ProjectPath = Path.GetFullPath(ProjectPath),
            PolicyPath = string.IsNullOrWhiteSpace(PolicyPath) ? null : PolicyPath,
            PackageReferences = PackageReferences.Select(p => p.ItemSpec).ToList(),
            AiSdkPatterns = Gate.AiSdkPackages.Defaults.Concat(AiSdkPackages.Select(p => p.Trim())).ToList(),
            Commit = Commit,
            Severity = severity,
            ExceptionWarningDays = ExceptionWarningDays,
            ToolVersion = EvidenceGate.ToolVersion,
            Now = now,
            StartupDirectory = string.IsNullOrWhiteSpace(StartupDirectory) ? null : StartupDirectory,
        });

        var logged = result.Diagnostics.Select(d => LoggedDiagnostic.From(d, severity, result.FullPathOf(d.Location) ?? ProjectPath)).ToList();
        logged.ForEach(d => d.LogTo(Log));
        WriteOutputs(result, logged, askedPortal: portal?.Asked == true);
        return !Log.HasLoggedErrors;
    }

    private void WriteOutputs(GateResult result, IReadOnlyList<LoggedDiagnostic> logged, bool askedPortal)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(ReportPath))!);
        if (result.Report is { } report)
        {
            WriteIfChanged(ReportPath, EvidenceReportWriter.Serialize(report));
            Report = [new TaskItem(Path.GetFullPath(ReportPath))];
        }
        else if (File.Exists(ReportPath))
        {
            // A stale report from an earlier build would tell the portal a story that is no longer true.
            File.Delete(ReportPath);
        }

        if (!string.IsNullOrWhiteSpace(FindingsPath))
        {
            var unreported = result.Report is null ? result.Diagnostics : [];
            if (unreported.Count > 0)
            {
                WriteIfChanged(FindingsPath!, GateFindingsWriter.Serialize(EvidenceGate.ToolVersion, Path.GetFullPath(ProjectPath), unreported.Select(d => (d, result.FullPathOf(d.Location) ?? Path.GetFullPath(ProjectPath)))));
            }
            else if (File.Exists(FindingsPath))
            {
                File.Delete(FindingsPath);
            }
        }

        WriteIfChanged(InputsListPath, Encoding.UTF8.GetBytes(InputsList(result.TrackedInputs)));
        var stamped = result.Passed || Severity.Equals("None", StringComparison.OrdinalIgnoreCase);
        if (stamped && logged.Count > 0)
        {
            WriteIfChanged(ReplayPath, Encoding.UTF8.GetBytes(LoggedDiagnostic.Serialize(logged)));
        }
        else if (File.Exists(ReplayPath))
        {
            File.Delete(ReplayPath);
        }

        // The portal's answers change without any file changing (a sign-off, an approval, a new baseline): a run that
        // asked it is never up to date.
        if (stamped && !askedPortal)
        {
            File.WriteAllText(StampPath, result.Report?.GeneratedAt.ToString("o") ?? "no system");
        }
        else if (File.Exists(StampPath))
        {
            File.Delete(StampPath);
        }
    }

    /// <summary>Where the environment is read (tests substitute it).</summary>
    internal Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The portal to ask, or null when none is configured or ShiftLeftGovernanceOnline=false.</summary>
    private PortalGovernance? ConnectPortal()
    {
        string? Setting(string? property, string variable) => string.IsNullOrWhiteSpace(property) ? (Environment(variable) is { Length: > 0 } v ? v.Trim() : null) : property!.Trim();
        var url = Setting(PortalUrl, "SHIFTLEFT_PORTAL_URL");
        if (url is null || string.Equals(GovernanceOnline?.Trim(), "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var seconds = 10;
        if (!string.IsNullOrWhiteSpace(GovernanceTimeoutSeconds) && !(int.TryParse(GovernanceTimeoutSeconds, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out seconds) && seconds is >= 1 and <= 120))
        {
            Log.LogWarning(null, RuleIds.PolicyInvalid, null, RuleIds.HelpLink(RuleIds.PolicyInvalid), ProjectPath, 0, 0, 0, 0, $"ShiftLeftGovernanceTimeoutSeconds is '{EvidenceDiagnostic.Excerpt(GovernanceTimeoutSeconds, 20)}', which is not a whole number from 1 to 120; 10 is used.");
            seconds = 10;
        }

        var uri = PortalConnection.ParseUrl(url, PortalAllowHttp, out var problem);
        var token = uri is null ? null : PortalConnection.ReadToken(Setting(PortalTokenFile, "SHIFTLEFT_TOKEN_FILE"), Environment, out problem);
        if (uri is null || token is null)
        {
            return PortalGovernance.Unusable(url, problem!);
        }

        var settings = new PublishSettings { Repository = string.IsNullOrWhiteSpace(Repository) ? null : Repository!.Trim() };
        var repository = SourceControl.Resolve(settings, Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!, Environment).Repository;
        return new PortalGovernance(uri, token, repository, TimeSpan.FromSeconds(seconds));
    }

    private string NormalizeSeverity()
    {
        foreach (var known in new[] { "Error", "Warning", "None" })
        {
            if (string.Equals(Severity?.Trim(), known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        Log.LogWarning(null, RuleIds.PolicyInvalid, null, RuleIds.HelpLink(RuleIds.PolicyInvalid), ProjectPath, 0, 0, 0, 0, $"ShiftLeftEvidenceSeverity is '{Severity}', which is not Error, Warning or None; Error is used. Set the property to one of the three values.");
        return "Error";
    }

    /// <summary>
    /// The files and globs the gate read, for the targets to read back as the gate's Inputs: one entry a line, each
    /// escaped twice for MSBuild — the targets read the text with a property function, whose result MSBuild escapes,
    /// and un-escape it once with [MSBuild]::Unescape, so * and ? are globs again and ';', '%', '$', '@' stay literal.
    /// A plain file read at execution, not an imported .targets: an import newer than the compiler's output counts as
    /// a changed project file (MSBuildAllProjects) and recompiles the project.
    /// </summary>
    internal static string InputsList(IEnumerable<string> trackedInputs)
    {
        var text = new StringBuilder();
        foreach (var input in trackedInputs.Distinct(StringComparer.Ordinal))
        {
            text.Append(EscapeForMSBuild(EscapeForMSBuild(input))).Append(";\n");
        }

        return text.ToString();
    }

    // MSBuild-special characters must be escaped, but * and ? stay globs.
    private static string EscapeForMSBuild(string path)
    {
        var builder = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            _ = c is '%' or ';' or '@' or '$' or '(' or ')' or '\''
                ? builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture))
                : builder.Append(c);
        }

        return builder.ToString();
    }

    // Rewriting identical bytes would bump timestamps and make consumers of the report rebuild for nothing.
    private static void WriteIfChanged(string path, byte[] content)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return;
        }

        File.WriteAllBytes(path, content);
    }
}
