using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Data;

/// <summary>
/// The portal's database (Identity tables and data-protection keys included). Provider-specific subclasses (<see cref="SqlitePortalDbContext"/>,
/// <see cref="PostgresPortalDbContext"/>) exist only so each provider has its own migrations; code depends on this type.
/// </summary>
public class PortalDbContext(DbContextOptions options) : IdentityDbContext<PortalUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core data-protection keys (cookie encryption), shared by every portal instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Repository> Repositories => Set<Repository>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<FindingOccurrence> FindingOccurrences => Set<FindingOccurrence>();
    public DbSet<BranchHead> BranchHeads => Set<BranchHead>();
    public DbSet<TriageDecision> TriageDecisions => Set<TriageDecision>();
    public DbSet<RuleDescriptor> Rules => Set<RuleDescriptor>();
    public DbSet<RepositoryRuleStat> RepositoryRuleStats => Set<RepositoryRuleStat>();
    public DbSet<AiSystem> AiSystems => Set<AiSystem>();
    public DbSet<EvidenceReport> EvidenceReports => Set<EvidenceReport>();
    public DbSet<RequirementEvidence> RequirementEvidence => Set<RequirementEvidence>();
    public DbSet<MetricResult> MetricResults => Set<MetricResult>();
    public DbSet<IngestionToken> IngestionTokens => Set<IngestionToken>();
    public DbSet<IngestionTokenUse> IngestionTokenUses => Set<IngestionTokenUse>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<AdminBootstrapCode> AdminBootstrapCodes => Set<AdminBootstrapCode>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        // Every instant is stored in UTC; SQLite hands them back without a kind, which would serialise without an offset.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        PortalModel.Configure(builder);
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditLog();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditLog();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The audit log is append-only; the database enforces it too (triggers), this fails earlier with a clearer message.
    private void GuardAuditLog()
    {
        foreach (var entry in ChangeTracker.Entries<AuditLogEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or deleted.");
        }
    }
}

/// <summary>The SQLite flavour (migrations under Data/Migrations/Sqlite).</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);

/// <summary>The PostgreSQL flavour (migrations under Data/Migrations/PostgreSql).</summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);
