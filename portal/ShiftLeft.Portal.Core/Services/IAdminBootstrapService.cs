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

    /// <summary>
    /// Seeds the roles and, while no admin exists, issues a code — unless a code issued earlier is still valid and
    /// <paramref name="replace"/> is false: another instance (or this one before a restart) printed it, and replacing it
    /// would silently break the link its operator holds. The caller holds <see cref="Data.PortalLocks.Startup"/>.
    /// </summary>
    Task<SetupCodeIssue> IssueCodeIfNeededAsync(bool replace = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the first admin: claiming the code and checking that no admin exists happen in one transaction under
    /// <see cref="Data.PortalLocks.Startup"/>, so of two redemptions on any instances exactly one succeeds. Fails (no
    /// exception) on a wrong, used or expired code, or when an admin already exists.
    /// </summary>
    Task<BootstrapResult> RedeemAsync(string code, string email, string password, string? displayName, RequestOrigin origin, CancellationToken cancellationToken = default);
}
