using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// First start: while no admin exists, a one-time code is generated (only its hash stored) and printed to the console
/// as a link to <c>/setup?code=…</c>. Redeeming it creates the first admin and invalidates the code. No default password.
/// </summary>
public interface IAdminBootstrapService
{
    /// <summary>True while no user has the admin role.</summary>
    Task<bool> IsBootstrapPendingAsync(CancellationToken cancellationToken = default);

    /// <summary>When no admin exists, replaces any earlier code with a new one and returns it (plaintext); otherwise null.</summary>
    Task<string?> IssueCodeIfNeededAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the first admin. Fails (no exception) on a wrong, used or expired code, or when an admin already exists.</summary>
    Task<BootstrapResult> RedeemAsync(string code, string email, string password, string? displayName, RequestOrigin origin, CancellationToken cancellationToken = default);
}
