using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>The schema is the initial migration plus the later ones, per provider (the audit log's append-only triggers are tested with the log, AuditAndRoleTests).</summary>
public sealed class SchemaTests(BothProviders providers) : IClassFixture<BothProviders>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_migrations_create_exactly_the_model(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        await using var db = portal.Db();
        var applied = db.Database.GetAppliedMigrations().ToList();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Equal("InitialSchema", applied[0][(applied[0].IndexOf('_', StringComparison.Ordinal) + 1)..]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without its migration: add one per provider (docs/portal.md \"Migrations\").");
    }
}
