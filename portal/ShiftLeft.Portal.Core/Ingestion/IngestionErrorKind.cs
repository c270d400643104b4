namespace ShiftLeft.Portal.Core.Ingestion;

public enum IngestionErrorKind
{
    /// <summary>400: not SARIF 2.1.0 as expected.</summary>
    MalformedSarif,
    /// <summary>400: the evidence report does not match its contract.</summary>
    MalformedEvidence,
    /// <summary>400: repository / commit / branch / build id missing or invalid.</summary>
    InvalidMetadata,
    /// <summary>413: over a configured size limit.</summary>
    TooLarge,
}
