using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Report;

namespace ShiftLeft.Build.Gate;

/// <summary>Everything the gate needs from MSBuild, so the logic runs (and is tested) without a build engine.</summary>
public sealed class GateRequest
{
    /// <summary>Full path of the project being built.</summary>
    public required string ProjectPath { get; init; }

    /// <summary>Full path of shiftleft.json, or null when none was found above the project.</summary>
    public string? PolicyPath { get; init; }

    /// <summary>Package ids the project references directly.</summary>
    public IReadOnlyList<string> PackageReferences { get; init; } = [];

    /// <summary>Package ids (trailing * = prefix) that make a project an AI system.</summary>
    public IReadOnlyList<string> AiSdkPatterns { get; init; } = AiSdkPackages.Defaults;

    /// <summary>$(SourceRevisionId) when set; otherwise HEAD is read from .git.</summary>
    public string? Commit { get; init; }

    /// <summary>The clock; tests pass a fixed instant.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Error, Warning or None (recorded in the report).</summary>
    public string Severity { get; init; } = "Error";

    /// <summary>How many days before expiry an exception starts warning.</summary>
    public int ExceptionWarningDays { get; init; } = 14;

    /// <summary>
    /// $(MSBuildStartupDirectory): where the person ran the build, so that the commands messages print work from
    /// there; null writes them relative to the folder of shiftleft.json.
    /// </summary>
    public string? StartupDirectory { get; init; }

    /// <summary>Version written to the report's tool.version.</summary>
    public string ToolVersion { get; init; } = "0.0.0";

    /// <summary>Further baseline sources, asked in order after the portal and the committed file; see <see cref="Governance.IBaselineSource"/>.</summary>
    public IReadOnlyList<Governance.IBaselineSource> BaselineSources { get; init; } = [];

    /// <summary>
    /// The portal to ask for the accepted baseline, the sign-off of this evidence and the approved exceptions
    /// (ShiftLeftPortalUrl with a token); null: offline, committed files only.
    /// </summary>
    public Governance.PortalGovernance? Portal { get; init; }

    /// <summary>
    /// ShiftLeftBaselineSource=Committed: the committed shiftleft-baseline.json is asked before the portal. By default
    /// the portal's accepted baseline wins and the committed file answers only when the portal has none.
    /// </summary>
    public bool CommittedBaselineFirst { get; init; }
}

/// <summary>The outcome of one gate evaluation.</summary>
public sealed class GateResult
{
    /// <summary>The report, or null when the project belongs to no system or the policy is invalid.</summary>
    public EvidenceReport? Report { get; set; }

    /// <summary>Every finding; file paths relative to <see cref="PolicyDirectory"/> unless rooted.</summary>
    public List<EvidenceDiagnostic> Diagnostics { get; } = [];

    /// <summary>Files and globs (full paths) whose change must re-run the gate.</summary>
    public List<string> TrackedInputs { get; } = [];

    /// <summary>The folder of shiftleft.json, when found.</summary>
    public string? PolicyDirectory { get; set; }

    /// <summary>True when no finding is an error.</summary>
    public bool Passed => Diagnostics.All(d => d.Level != DiagnosticLevel.Error);

    /// <summary>The location's file as a full path, for MSBuild and IDE click-through.</summary>
    public string? FullPathOf(SourceLocation location) =>
        location.File is null || PolicyDirectory is null || Path.IsPathRooted(location.File)
            ? location.File
            : Path.GetFullPath(Path.Combine(PolicyDirectory, location.File));
}
