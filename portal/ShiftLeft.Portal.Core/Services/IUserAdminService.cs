using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>Admin management of people (local accounts and OpenID Connect users). Every command audited.</summary>
public interface IUserAdminService
{
    Task<IReadOnlyList<PortalUserDto>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a local account with a password (Identity's password rules apply) and one role. Needs a recently authenticated admin.</summary>
    Task<PortalUserDto> CreateAsync(string email, string? displayName, string password, string role, PortalActor actor, CancellationToken cancellationToken = default);

    /// <summary>Replaces the user's roles with one role (viewer, triager or admin). An admin cannot demote the last admin. Needs a recently authenticated admin.</summary>
    Task SetRoleAsync(string userId, string role, PortalActor actor, CancellationToken cancellationToken = default);

    /// <summary>Locks the account out (or unlocks it). The last admin cannot be locked out.</summary>
    Task SetLockedOutAsync(string userId, bool lockedOut, PortalActor actor, CancellationToken cancellationToken = default);
}
