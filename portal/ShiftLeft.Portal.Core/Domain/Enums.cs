namespace ShiftLeft.Portal.Core.Domain;

/// <summary>Severity of a finding, taken from the SARIF <c>level</c> (error / warning / note).</summary>
public enum FindingSeverity
{
    /// <summary>SARIF <c>none</c> or an unknown level.</summary>
    None = 0,
    /// <summary>SARIF <c>note</c>.</summary>
    Note = 1,
    /// <summary>SARIF <c>warning</c>.</summary>
    Warning = 2,
    /// <summary>SARIF <c>error</c>.</summary>
    Error = 3,
}

/// <summary>Lifecycle of a finding on one repository and branch, as of its latest run.</summary>
public enum FindingState
{
    /// <summary>First seen in the latest run that saw it.</summary>
    New = 0,
    /// <summary>Seen before and seen again.</summary>
    Unchanged = 1,
    /// <summary>Absent from a later run of the same repository and branch.</summary>
    Fixed = 2,
    /// <summary>Was fixed, then appeared again.</summary>
    Reintroduced = 3,
}

/// <summary>The current human decision on a finding. Decisions are keyed by repository + fingerprint so they survive re-import and apply on every branch.</summary>
public enum TriageStatus
{
    /// <summary>No decision (or reopened): the finding counts as open unless fixed or suppressed in source.</summary>
    None = 0,
    /// <summary>Dismissed: the analyzer is wrong here.</summary>
    FalsePositive = 1,
    /// <summary>Dismissed: real, but deliberately not changed.</summary>
    WontFix = 2,
    /// <summary>Dismissed: the code is test code.</summary>
    UsedInTests = 3,
    /// <summary>Risk accepted by a named approver until an expiry date; reopens when it expires.</summary>
    AcceptedRisk = 4,
}

/// <summary>Why a finding is dismissed.</summary>
public enum DismissReason
{
    /// <summary>The analyzer is wrong here.</summary>
    FalsePositive = 1,
    /// <summary>Real, but deliberately not changed.</summary>
    WontFix = 2,
    /// <summary>The code is test code.</summary>
    UsedInTests = 3,
}

/// <summary>Status of one evidence requirement of an AI system, as the evidence gate reports it.</summary>
public enum EvidenceStatus
{
    /// <summary>Present and valid.</summary>
    Present = 0,
    /// <summary>Required but not found.</summary>
    Missing = 1,
    /// <summary>Found but not parseable / not matching its schema.</summary>
    Invalid = 2,
    /// <summary>Found, but its metrics fail their thresholds.</summary>
    Failing = 3,
    /// <summary>Older than allowed, or certified for another model / prompt.</summary>
    Stale = 4,
    /// <summary>Not satisfied, covered by an approved exception.</summary>
    Excepted = 5,
}

/// <summary>What happened when an ingestion token was presented.</summary>
public enum TokenUseOutcome
{
    /// <summary>The run was stored (or an identical run already existed).</summary>
    Accepted = 0,
    /// <summary>The token is valid but not scoped to the repository.</summary>
    Forbidden = 1,
    /// <summary>The token is expired or revoked.</summary>
    Rejected = 2,
    /// <summary>The token was valid but the upload was malformed or too large; nothing stored.</summary>
    Failed = 3,
}
