namespace ShiftLeft.Build.Report;

/// <summary>
/// The shiftleft-evidence.json contract read by the portal (docs/schema/shiftleft-evidence.schema.json).
/// Fields may be added; none may be renamed or removed.
/// </summary>
public sealed class EvidenceReport
{
    public const string CurrentSchemaVersion = "1.0";

    public DateTimeOffset GeneratedAt { get; set; }

    public string ToolVersion { get; set; } = "0.0.0";

    /// <summary>Project path relative to the folder of shiftleft.json, forward slashes.</summary>
    public string Project { get; set; } = string.Empty;

    /// <summary>Policy path relative to the repository root when known, else its file name (added field).</summary>
    public string Policy { get; set; } = "shiftleft.json";

    public string? Commit { get; set; }

    public string SystemName { get; set; } = string.Empty;

    public string SystemOwner { get; set; } = string.Empty;

    public string RiskTier { get; set; } = string.Empty;

    public string? ModelId { get; set; }

    public string? PromptHash { get; set; }

    /// <summary>Prompt files hashed into <see cref="PromptHash"/>, relative paths (added field).</summary>
    public List<string> PromptFiles { get; } = [];

    public bool Passed { get; set; }

    /// <summary>Error, Warning or None: how the findings were enforced.</summary>
    public string Severity { get; set; } = "Error";

    public List<RequirementReport> Requirements { get; } = [];

    public List<MetricReport> Metrics { get; } = [];

    public List<DiagnosticReport> Diagnostics { get; } = [];

    /// <summary>
    /// SHA-256 of what the evidence is — artifacts, policy, prompts, model, baseline, exception records — and never
    /// of when or where it was checked: what a release sign-off signs (added field).
    /// </summary>
    public string? EvidenceSha256 { get; set; }

    /// <summary>Sample statistics of every metric a threshold, regression or fairness rule reads, per artifact (added field).</summary>
    public List<MeasurementReport> Measurements { get; } = [];

    /// <summary>The baseline the regression rules compared against; null without regression rules (added field).</summary>
    public BaselineReport? Baseline { get; set; }

    /// <summary>Each regression rule per artifact (added field).</summary>
    public List<RegressionReport> Regressions { get; } = [];

    /// <summary>Each fairness rule per artifact (added field).</summary>
    public List<FairnessReport> Fairness { get; } = [];

    /// <summary>The release sign-off; null when the tier does not require one and the system declares none (added field).</summary>
    public SignOffReport? SignOff { get; set; }

    /// <summary>The policy's links from rule ids and metrics to risk-register ids (added field).</summary>
    public List<RiskLinkReport> RiskLinks { get; } = [];

    /// <summary>The risk-register entries of this system (added field).</summary>
    public List<Evidence.RegisteredRisk> RegisteredRisks { get; } = [];
}

/// <summary>The state of one evidence requirement of the system.</summary>
public sealed class RequirementReport
{
    public string Kind { get; set; } = string.Empty;

    /// <summary>present | missing | invalid | failing | stale | excepted.</summary>
    public string Status { get; set; } = RequirementStatus.Present;

    /// <summary>Whether the tier requires it; false for evidence declared beyond the tier (added field).</summary>
    public bool Required { get; set; } = true;

    public string? Path { get; set; }

    public string? Sha256 { get; set; }

    public DateTimeOffset? LastModified { get; set; }

    public int? AgeDays { get; set; }

    /// <summary>The date the content records (review date, evaluation run), null when it records none (added field).</summary>
    public DateTimeOffset? EvidenceDate { get; set; }

    public int? MaxAgeDays { get; set; }

    /// <summary>Where the date ageDays counts from came from: content, commit, fileTime or unknown (added field).</summary>
    public string? DateSource { get; set; }

    /// <summary>Why the file time or no date was used (not committed, not a git repository, shallow clone) (added field).</summary>
    public string? DateNote { get; set; }

    /// <summary>The instant ageDays counts from (added field).</summary>
    public DateTimeOffset? DatedAt { get; set; }

    /// <summary>The evaluation format recognised (added field).</summary>
    public string? Format { get; set; }

    /// <summary>The aieval execution read, when the report holds executions (added field).</summary>
    public Evidence.ExecutionSelection? Execution { get; set; }

    /// <summary>Who certified model and prompt set with ShiftLeftStampEvidence (added field).</summary>
    public string? StampedBy { get; set; }

    /// <summary>When the stamp was made (added field).</summary>
    public DateTimeOffset? StampedAt { get; set; }

    public string? CertifiedModelId { get; set; }

    public string? CertifiedPromptHash { get; set; }

    public ExceptionReport? Exception { get; set; }

    public List<string> Messages { get; } = [];
}

/// <summary>The exception applied to a requirement.</summary>
public sealed record ExceptionReport(string Reason, string ApprovedBy, DateOnly Expires)
{
    /// <summary>Who asked for it (added field).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>The day it was approved (added field).</summary>
    public DateOnly? ApprovedAt { get; init; }

    /// <summary>policy (written in shiftleft.json) or record (a signed record exported from the portal) (added field).</summary>
    public string Source { get; init; } = "policy";

    /// <summary>The record's path, for a signed record (added field).</summary>
    public string? Record { get; init; }

    /// <summary>The trusted key that signed the record (added field).</summary>
    public string? KeyId { get; init; }

    /// <summary>Risk-register ids of the accepted risk (added field).</summary>
    public IReadOnlyList<string> Risks { get; init; } = [];

    public static ExceptionReport Of(Policy.PolicyException exception) => new(exception.Reason, exception.ApprovedBy, exception.Expires)
    {
        RequestedBy = exception.RequestedBy,
        ApprovedAt = exception.ApprovedAt,
        Source = exception.Record is null ? "policy" : "record",
        Record = exception.Record,
        KeyId = exception.KeyId,
        Risks = exception.Risks,
    };
}

/// <summary>A thresholded metric and its outcome.</summary>
public sealed class MetricReport
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The artifact kind the values came from, or the kind a scoped threshold names (added field).</summary>
    public string? Kind { get; set; }

    /// <summary>Mean over the recorded values of one artifact; null when absent or errored.</summary>
    public double? Value { get; set; }

    public string Threshold { get; set; } = string.Empty;

    public bool Passed { get; set; }

    public string? Source { get; set; }

    /// <summary>How many values of the artifact were averaged (added field).</summary>
    public int Samples { get; set; }

    /// <summary>Why the metric has no value, when it has none (added field).</summary>
    public string? Error { get; set; }

    /// <summary>Risk-register ids linked to this metric (added field).</summary>
    public IReadOnlyList<string> Risks { get; set; } = [];
}

/// <summary>A diagnostic as logged to MSBuild; file relative to the folder of shiftleft.json.</summary>
public sealed record DiagnosticReport(string Code, string Severity, string Message, string? File, int? Line, int? Column)
{
    /// <summary>Risk-register ids linked to the rule or the metric of this finding (added field).</summary>
    public IReadOnlyList<string> Risks { get; init; } = [];
}

/// <summary>The status values of <see cref="RequirementReport.Status"/>.</summary>
public static class RequirementStatus
{
    public const string Present = "present";
    public const string Missing = "missing";
    public const string Invalid = "invalid";
    public const string Failing = "failing";
    public const string Stale = "stale";
    public const string Excepted = "excepted";
}
