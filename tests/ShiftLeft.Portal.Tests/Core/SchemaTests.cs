using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>
/// The schema is the migrations of each provider (the audit log's append-only triggers are tested with the log,
/// AuditAndRoleTests; those of sign-offs and baselines with governance, Governance/SignOffTests).
/// </summary>
public sealed class SchemaTests(BothProviders providers) : IClassFixture<BothProviders>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_migrations_create_exactly_the_model(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        await using var db = portal.Db();
        Assert.Equal(["InitialSchema", "Governance"], db.Database.GetAppliedMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without its migration: add one per provider (docs/portal.md \"Migrations\").");
    }
}
