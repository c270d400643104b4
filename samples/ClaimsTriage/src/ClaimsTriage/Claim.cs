namespace ClaimsTriage;

/// <summary>An insurance claim as the claims system hands it out.</summary>
public sealed record Claim(string Id, string PolicyNumber, string ClaimantName, string Email, string Description, decimal Amount);

/// <summary>Where the triage sends a claim.</summary>
public enum Queue
{
    FastTrack,
    Adjuster,
    FraudReview,
}
