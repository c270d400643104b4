namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// A bearer token CI uses to upload runs. The secret is shown once at creation; only its SHA-256 is stored.
/// <see cref="Prefix"/> (not secret) identifies the token in lists and logs.
/// </summary>
public class IngestionToken
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole token, lowercase hex.</summary>
    public required string SecretHash { get; set; }

    /// <summary>True: may upload to every repository (including new ones).</summary>
    public bool AllRepositories { get; set; }

    /// <summary>Repository names the token may upload to, one per line (ignored when <see cref="AllRepositories"/>).</summary>
    public string RepositoryScope { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public long UseCount { get; set; }
}
