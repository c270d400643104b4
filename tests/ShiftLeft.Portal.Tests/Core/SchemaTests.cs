using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>The schema is the one migration per provider (the audit log's append-only triggers are tested with the log, AuditAndRoleTests).</summary>
public sealed class SchemaTests(BothProviders providers) : IClassFixture<BothProviders>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task One_initial_migration_creates_exactly_the_model(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        await using var db = portal.Db();
        Assert.Equal(["InitialSchema"], db.Database.GetAppliedMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without its migration: regenerate the initial migration (docs/portal.md \"Migrations\").");
    }
}
