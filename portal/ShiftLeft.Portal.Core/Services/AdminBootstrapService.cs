using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

internal sealed class AdminBootstrapService(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, PortalDbContext db, IOptions<PortalOptions> options, TimeProvider clock)
    : IAdminBootstrapService
{
    public async Task<bool> IsBootstrapPendingAsync(CancellationToken cancellationToken = default) =>
        !await AnyAdminAsync(cancellationToken).ConfigureAwait(false);

    public async Task<string?> IssueCodeIfNeededAsync(CancellationToken cancellationToken = default)
    {
        await EnsureRolesAsync().ConfigureAwait(false);
        if (await AnyAdminAsync(cancellationToken).ConfigureAwait(false)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        // Only the newest code is valid: a restart (or another instance) invalidates what was printed before.
        await db.AdminBootstrapCodes.Where(c => c.RedeemedAt == null).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var code = SecretHasher.RandomUrlSafe(24);
        db.AdminBootstrapCodes.Add(new AdminBootstrapCode { CodeHash = SecretHasher.Hash(code), CreatedAt = now, ExpiresAt = now + options.Value.BootstrapCodeLifetime });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return code;
    }

    public async Task<BootstrapResult> RedeemAsync(string code, string email, string password, string? displayName, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (string.IsNullOrWhiteSpace(code)) return Fail("The setup code is missing.");
        if (!UserAdminService.IsEmail(email)) return Fail("A valid e-mail address is required.");
        try
        {
            UserAdminService.RequireDisplayName(displayName);
        }
        catch (PortalValidationException e)
        {
            return Fail(e.Message);
        }

        await EnsureRolesAsync().ConfigureAwait(false);
        if (await AnyAdminAsync(cancellationToken).ConfigureAwait(false)) return Fail("An administrator already exists; sign in instead.");
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = SecretHasher.Hash(code.Trim());
        var row = await db.AdminBootstrapCodes.FirstOrDefaultAsync(c => c.CodeHash == hash && c.RedeemedAt == null, cancellationToken).ConfigureAwait(false);
        if (row is null || row.ExpiresAt <= now) return Fail("The setup code is wrong, used or expired. Restart the portal to print a new one.");

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var user = new PortalUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName?.Trim(), EmailConfirmed = true, CreatedAt = now };
        var created = await users.CreateAsync(user, password).ConfigureAwait(false);
        if (!created.Succeeded) return new BootstrapResult(false, null, created.Errors.Select(e => e.Description).ToList());
        var added = await users.AddToRoleAsync(user, PortalRoles.Admin).ConfigureAwait(false);
        if (!added.Succeeded) return new BootstrapResult(false, null, added.Errors.Select(e => e.Description).ToList());
        row.RedeemedAt = now;
        row.RedeemedBy = user.UserName;
        var actor = new PortalActor(user.Id, user.UserName, [PortalRoles.Admin]) { Channel = origin.Channel, ClientAddress = origin.ClientAddress };
        AuditWriter.Add(db, actor, AuditActions.AdminBootstrapped, "user", user.Id, null, new { user.UserName, role = PortalRoles.Admin }, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BootstrapResult(true, user.Id, []);
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false)) await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false);
        }
    }

    private Task<bool> AnyAdminAsync(CancellationToken cancellationToken) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == PortalRoles.Admin select ur).AnyAsync(cancellationToken);

    private static BootstrapResult Fail(string error) => new(false, null, [error]);
}
