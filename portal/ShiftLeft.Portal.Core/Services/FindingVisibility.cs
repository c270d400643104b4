using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>Which findings the grid shows.</summary>
public enum FindingVisibility
{
    /// <summary>Not fixed, not suppressed in source, no active triage decision (the default).</summary>
    Open,
    /// <summary>Everything, including fixed, suppressed and triaged.</summary>
    All,
    /// <summary>Dismissed or risk-accepted.</summary>
    Triaged,
    /// <summary>Suppressed in source.</summary>
    Suppressed,
}
