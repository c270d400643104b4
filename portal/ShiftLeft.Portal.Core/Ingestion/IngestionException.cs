namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// Why an upload was refused. Maps to an RFC 7807 problem (400 or 413) whose <c>detail</c> is the message and whose
/// <c>field</c> and <c>resultIndex</c> members say where, when known.
/// </summary>
public sealed class IngestionException(IngestionErrorKind kind, string detail) : Exception(detail)
{
    public IngestionErrorKind Kind { get; } = kind;

    /// <summary>The offending field: an upload field (<c>repository</c>), a SARIF property path relative to its result
    /// (<c>ruleId</c>, <c>locations[0].physicalLocation.artifactLocation.uri</c>) or of the log (<c>runs[0].tool.driver.name</c>),
    /// or an evidence-report JSON path (<c>$.system.name</c>).</summary>
    public string? Field { get; init; }

    /// <summary>0-based index of the offending SARIF result over the whole upload, when a result is at fault.</summary>
    public int? ResultIndex { get; init; }
}
