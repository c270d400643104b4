namespace ShiftLeft.Portal.Core.Domain;

/// <summary>Every presentation of a known ingestion token, successful or not.</summary>
public class IngestionTokenUse
{
    public long Id { get; set; }
    public long TokenId { get; set; }
    public DateTime At { get; set; }
    public string? Repository { get; set; }
    public TokenUseOutcome Outcome { get; set; }
    public long? RunId { get; set; }
    public string? Detail { get; set; }
}
