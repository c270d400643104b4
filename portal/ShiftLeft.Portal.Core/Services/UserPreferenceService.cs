using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

internal sealed class UserPreferenceService(IDbContextFactory<PortalDbContext> factory) : IUserPreferenceService
{
    public async Task<RuleScope> GetRuleScopeAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.RuleScope).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetRuleScopeAsync(string userId, RuleScope scope, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(scope)) throw new PortalValidationException($"Unknown rule scope '{scope}'; use All or ShiftLeft.");
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // One column of the person's own row: no concurrency stamp to rotate, nothing to audit (it changes only what they see).
        var updated = await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.RuleScope, scope), cancellationToken).ConfigureAwait(false);
        if (updated == 0) throw new PortalNotFoundException($"User {userId} does not exist.");
    }
}
