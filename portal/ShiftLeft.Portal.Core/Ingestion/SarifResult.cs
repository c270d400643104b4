using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>One SARIF result as the parser hands it over. The instance is reused for every result: copy what you keep.</summary>
internal sealed class SarifResult
{
    /// <summary>0-based index over all results of the log (for error messages).</summary>
    public int Index { get; set; }
    public string? RuleId { get; set; }
    public FindingSeverity Severity { get; set; }
    public string? Message { get; set; }
    public string? Uri { get; set; }
    public string? UriBaseId { get; set; }
    public int StartLine { get; set; }
    public int StartColumn { get; set; }
    public int EndLine { get; set; }
    public int EndColumn { get; set; }
    public string? Snippet { get; set; }
    public bool IsSuppressed { get; set; }
    public string? SuppressionKind { get; set; }
    public string? Justification { get; set; }

    public void Reset(int index)
    {
        Index = index;
        RuleId = null;
        Severity = FindingSeverity.Warning; // SARIF's default level
        Message = null;
        Uri = null;
        UriBaseId = null;
        StartLine = StartColumn = EndLine = EndColumn = 0;
        Snippet = null;
        IsSuppressed = false;
        SuppressionKind = null;
        Justification = null;
    }
}
