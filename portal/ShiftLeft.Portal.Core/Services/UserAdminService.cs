using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

internal sealed class UserAdminService(UserManager<PortalUser> users, PortalDbContext db, TimeProvider clock) : IUserAdminService
{
    public async Task<IReadOnlyList<PortalUserDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var logins = await db.UserLogins.AsNoTracking().Select(l => new { l.UserId, l.LoginProvider }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        return all.Select(u => new PortalUserDto(u.Id, u.UserName ?? u.Id, u.Email, u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList(),
            u.LockoutEnd is { } end && end > now, u.PasswordHash is not null,
            logins.Where(l => l.UserId == u.Id).Select(l => l.LoginProvider).ToList())).ToList();
    }

    public async Task<PortalUserDto> CreateAsync(string email, string? displayName, string password, string role, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandRecentAdmin();
        RequireRole(role);
        if (!IsEmail(email)) throw new PortalValidationException("A valid e-mail address is required.");
        RequireDisplayName(displayName);
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new PortalUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName?.Trim(), EmailConfirmed = true, CreatedAt = now };
        Check(await users.CreateAsync(user, password).ConfigureAwait(false));
        Check(await users.AddToRoleAsync(user, role).ConfigureAwait(false));
        AuditWriter.Add(db, actor, AuditActions.UserCreated, "user", user.Id, null, new { user.UserName, role }, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new PortalUserDto(user.Id, user.UserName, user.Email, user.DisplayName, [role], false, true, []);
    }

    public async Task SetRoleAsync(string userId, string role, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandRecentAdmin();
        RequireRole(role);
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false) ?? throw new PortalNotFoundException($"User {userId} does not exist.");
        var before = await users.GetRolesAsync(user).ConfigureAwait(false);
        if (before.Contains(PortalRoles.Admin) && role != PortalRoles.Admin && (await users.GetUsersInRoleAsync(PortalRoles.Admin).ConfigureAwait(false)).Count <= 1)
            throw new PortalValidationException("This is the last admin; make someone else admin first.");
        Check(await users.RemoveFromRolesAsync(user, before).ConfigureAwait(false));
        Check(await users.AddToRoleAsync(user, role).ConfigureAwait(false));
        AuditWriter.Add(db, actor, AuditActions.UserRolesChanged, "user", user.Id, new { roles = before }, new { roles = new[] { role } }, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetLockedOutAsync(string userId, bool lockedOut, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandAdmin();
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false) ?? throw new PortalNotFoundException($"User {userId} does not exist.");
        if (lockedOut && await users.IsInRoleAsync(user, PortalRoles.Admin).ConfigureAwait(false)
            && (await users.GetUsersInRoleAsync(PortalRoles.Admin).ConfigureAwait(false)).Count <= 1)
            throw new PortalValidationException("The last admin cannot be locked out.");
        Check(await users.SetLockoutEnabledAsync(user, true).ConfigureAwait(false));
        Check(await users.SetLockoutEndDateAsync(user, lockedOut ? DateTimeOffset.MaxValue : null).ConfigureAwait(false));
        if (lockedOut) Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false));
        var now = clock.GetUtcNow().UtcDateTime;
        AuditWriter.Add(db, actor, lockedOut ? AuditActions.UserLockedOut : AuditActions.UserUnlocked, "user", user.Id, null,
            new { lockedOut, at = now.ToString("O", CultureInfo.InvariantCulture) }, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One line with an '@' and no control character (Identity checks the rest when it stores the account).</summary>
    internal static bool IsEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Contains('@', StringComparison.Ordinal) && !email.Any(char.IsControl);

    /// <summary>A display name is optional, at most 256 characters on one line, without control characters.</summary>
    internal static void RequireDisplayName(string? displayName)
    {
        if (displayName is null) return;
        if (displayName.Length > 256) throw new PortalValidationException("The display name is longer than 256 characters.");
        if (displayName.Any(char.IsControl)) throw new PortalValidationException("The display name cannot contain control characters or line breaks.");
    }

    internal static void RequireRole(string role)
    {
        if (!PortalRoles.All.Contains(role)) throw new PortalValidationException($"Unknown role '{role}'; use viewer, triager or admin.");
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new PortalValidationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
