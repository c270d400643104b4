namespace ShiftLeft.Portal.Core.Services;

/// <summary>What asking for a first-admin setup code at start gave.</summary>
/// <param name="Code">The new code (plaintext, shown once); null when none was issued.</param>
/// <param name="ExpiresAt">When the new code, or the still-valid code issued earlier, expires; null when an admin exists.</param>
public sealed record SetupCodeIssue(string? Code, DateTime? ExpiresAt)
{
    public static readonly SetupCodeIssue NotNeeded = new(null, null);

    /// <summary>A code issued earlier (by this instance or another) is still valid and was left alone.</summary>
    public bool EarlierCodeStillValid => Code is null && ExpiresAt is not null;
}
