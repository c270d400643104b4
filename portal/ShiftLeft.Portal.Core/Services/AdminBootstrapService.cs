using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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

    public async Task<SetupCodeIssue> IssueCodeIfNeededAsync(bool replace = false, CancellationToken cancellationToken = default)
    {
        await EnsureRolesAsync().ConfigureAwait(false);
        if (await AnyAdminAsync(cancellationToken).ConfigureAwait(false)) return SetupCodeIssue.NotNeeded;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!replace)
        {
            var valid = await db.AdminBootstrapCodes.AsNoTracking().Where(c => c.RedeemedAt == null && c.ExpiresAt > now)
                .OrderByDescending(c => c.ExpiresAt).Select(c => (DateTime?)c.ExpiresAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (valid is not null) return new SetupCodeIssue(null, valid);
        }

        // Only the newest code is valid.
        await db.AdminBootstrapCodes.Where(c => c.RedeemedAt == null).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var code = SecretHasher.RandomUrlSafe(24);
        var expires = now + options.Value.BootstrapCodeLifetime;
        db.AdminBootstrapCodes.Add(new AdminBootstrapCode { CodeHash = SecretHasher.Hash(code), CreatedAt = now, ExpiresAt = expires });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new SetupCodeIssue(code, expires);
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

        if (await AnyAdminAsync(cancellationToken).ConfigureAwait(false)) return AdminExists();
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = SecretHasher.Hash(code.Trim());
        var userName = email.Trim();

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await PortalLocks.InTransactionAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), PortalLocks.Startup, cancellationToken).ConfigureAwait(false);
        // Claiming the code is the transaction's first write: on SQLite it takes the write lock before anything is read, so a
        // concurrent redemption waits and then finds the code used; on PostgreSQL the advisory lock above does the same.
        var claimed = await db.AdminBootstrapCodes.Where(c => c.CodeHash == hash && c.RedeemedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RedeemedAt, now).SetProperty(c => c.RedeemedBy, userName), cancellationToken).ConfigureAwait(false);
        if (claimed == 0) return Fail("The setup code is wrong, used or expired. Run the portal's `setup-code` command to print a new one (docs/portal.md, \"First administrator\").");
        if (await AnyAdminAsync(cancellationToken).ConfigureAwait(false)) return AdminExists();

        await EnsureRolesAsync().ConfigureAwait(false);
        var user = new PortalUser { UserName = userName, Email = userName, DisplayName = displayName?.Trim(), EmailConfirmed = true, CreatedAt = now };
        var created = await users.CreateAsync(user, password).ConfigureAwait(false);
        if (!created.Succeeded) return new BootstrapResult(false, null, created.Errors.Select(e => e.Description).ToList());
        var added = await users.AddToRoleAsync(user, PortalRoles.Admin).ConfigureAwait(false);
        if (!added.Succeeded) return new BootstrapResult(false, null, added.Errors.Select(e => e.Description).ToList());
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

    private static BootstrapResult AdminExists() => Fail("An administrator already exists; sign in instead.");

    private static BootstrapResult Fail(string error) => new(false, null, [error]);
}
