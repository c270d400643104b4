namespace ShiftLeft.Portal.Core.Domain;

/// <summary>The one-time code printed at first start to create the first admin (only its SHA-256 is stored).</summary>
public class AdminBootstrapCode
{
    public long Id { get; set; }
    public required string CodeHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RedeemedAt { get; set; }
    public string? RedeemedBy { get; set; }
}
