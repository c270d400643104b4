using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Data;
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
        var applied = db.Database.GetAppliedMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();
        Assert.Equal("InitialSchema", applied[0]);
        Assert.Equal(db.Database.GetMigrations().Count(), applied.Count);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without its migration: add one per provider (docs/portal.md \"Migrations\").");
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Upgrading_keeps_the_latest_of_two_current_decisions_current(DatabaseProvider provider)
    {
        // What several instances of an earlier build could leave: two current decisions for one finding.
        await using var database = await TestDatabase.CreateAsync(provider);
        var portal = new PortalDatabase(provider, database.ConnectionString);
        await using (var db = portal.CreateDbContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("InitialSchema");
            const string fingerprint = "0123456789abcdef0123456789abcdef";
            foreach (var (status, current) in new[] { (2, false), (3, true), (4, true), (5, true) })
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "TriageDecisions" ("RepositoryId", "Fingerprint", "FindingId", "Status", "DecidedById", "DecidedByName", "DecidedAt", "IsCurrent")
                    VALUES (7, {fingerprint}, 1, {status}, 'x', 'x', {TestClock.StartUtc}, {current})
                    """);
            }
        }

        await portal.MigrateAsync();
        await using (var db = portal.CreateDbContext())
        {
            var current = await db.TriageDecisions.Where(t => t.IsCurrent).ToListAsync();
            Assert.Equal(5, (int)Assert.Single(current).Status);
            Assert.Equal(4, await db.TriageDecisions.CountAsync());
        }
    }
}
