using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Data;

/// <summary>Table names, keys, lengths and indexes. Table names are fixed because the bulk ingestion path writes raw SQL.</summary>
internal static class PortalModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Repository>(e =>
        {
            e.ToTable("Repositories");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.CanonicalName).HasMaxLength(200);
            e.Property(x => x.DefaultBranch).HasMaxLength(200);
            // One repository per name whatever its case (RepositoryNames.Canonical); Name keeps the first upload's spelling.
            e.HasIndex(x => x.CanonicalName).IsUnique();
        });

        b.Entity<Run>(e =>
        {
            e.ToTable("Runs");
            e.Property(x => x.Branch).HasMaxLength(200);
            e.Property(x => x.Commit).HasMaxLength(100);
            e.Property(x => x.BuildId).HasMaxLength(200);
            e.Property(x => x.ToolName).HasMaxLength(200);
            e.Property(x => x.ToolVersion).HasMaxLength(100);
            e.HasOne<Repository>().WithMany().HasForeignKey(x => x.RepositoryId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.RepositoryId, x.Commit, x.BuildId }).IsUnique();
            e.HasIndex(x => new { x.RepositoryId, x.Branch, x.ReceivedAt });
            e.HasIndex(x => x.ReceivedAt);
        });

        b.Entity<Finding>(e =>
        {
            e.ToTable("Findings");
            e.Property(x => x.Branch).HasMaxLength(200);
            e.Property(x => x.Fingerprint).HasMaxLength(32);
            e.Property(x => x.RuleId).HasMaxLength(100);
            e.Property(x => x.OwaspCategory).HasMaxLength(20);
            e.Property(x => x.Path).HasMaxLength(1024);
            e.Property(x => x.SuppressionKind).HasMaxLength(100);
            e.HasOne<Repository>().WithMany().HasForeignKey(x => x.RepositoryId).OnDelete(DeleteBehavior.Cascade);
            // Identity. Fingerprints are random, so every index holding one costs a random B-tree write per new finding:
            // one index serves both identity and "this finding on every branch" (triage), with Fingerprint before Branch.
            e.HasIndex(x => new { x.RepositoryId, x.Fingerprint, x.Branch }).IsUnique();
            e.HasIndex(x => new { x.RepositoryId, x.Branch, x.IsOpen, x.Severity });
            // The cross-repository grid's default view (open findings of every default branch by severity) reads this index in
            // order and stops after one page. Partial, because SQLite cannot seek a bare boolean term ("WHERE IsOpen") in a
            // composite index but does match it against an index's WHERE; Id is explicit because PostgreSQL does not order
            // equal keys by it. It also holds only open default-branch findings, so ingestion maintains fewer entries.
            e.HasIndex(x => new { x.Severity, x.Id }, "IX_Findings_OpenOnDefaultBranch_Severity_Id").HasFilter("\"IsOnDefaultBranch\" AND \"IsOpen\"");
            e.HasIndex(x => new { x.Triage, x.TriageExpiresAt });
            // Mean time to remediate reads only findings fixed in the KPI window; few rows have FixedAt set.
            e.HasIndex(x => x.FixedAt);
        });

        b.Entity<BranchHead>(e =>
        {
            e.ToTable("BranchHeads");
            e.HasKey(x => new { x.RepositoryId, x.Branch });
            e.Property(x => x.Branch).HasMaxLength(200);
            e.HasOne<Repository>().WithMany().HasForeignKey(x => x.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<FindingOccurrence>(e =>
        {
            e.ToTable("FindingOccurrences");
            e.HasOne<Finding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.FindingId, x.RunId });
            e.HasIndex(x => x.RunId);
        });

        b.Entity<TriageDecision>(e =>
        {
            e.ToTable("TriageDecisions");
            e.Property(x => x.Fingerprint).HasMaxLength(32);
            e.Property(x => x.Comment).HasMaxLength(4000);
            e.Property(x => x.ApprovedBy).HasMaxLength(256);
            e.Property(x => x.DecidedById).HasMaxLength(450);
            e.Property(x => x.DecidedByName).HasMaxLength(256);
            e.HasIndex(x => new { x.RepositoryId, x.Fingerprint, x.IsCurrent });
            e.HasIndex(x => x.FindingId);
        });

        b.Entity<RuleDescriptor>(e =>
        {
            e.ToTable("Rules");
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(1000);
            e.Property(x => x.HelpUri).HasMaxLength(2000);
            e.Property(x => x.Category).HasMaxLength(200);
            e.Property(x => x.OwaspCategory).HasMaxLength(20);
        });

        b.Entity<RepositoryRuleStat>(e =>
        {
            e.ToTable("RepositoryRuleStats");
            e.HasKey(x => new { x.RepositoryId, x.RuleId, x.Severity });
            e.Property(x => x.RuleId).HasMaxLength(100);
            e.Property(x => x.OwaspCategory).HasMaxLength(20);
            e.HasOne<Repository>().WithMany().HasForeignKey(x => x.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<AiSystem>(e =>
        {
            e.ToTable("AiSystems");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Owner).HasMaxLength(200);
            e.Property(x => x.RiskTier).HasMaxLength(50);
            e.Property(x => x.Project).HasMaxLength(500);
            e.Property(x => x.ModelId).HasMaxLength(200);
            e.Property(x => x.PromptHash).HasMaxLength(200);
            e.Property(x => x.LastCommit).HasMaxLength(100);
            e.HasOne<Repository>().WithMany().HasForeignKey(x => x.RepositoryId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.RepositoryId, x.Name }).IsUnique();
        });

        b.Entity<EvidenceReport>(e =>
        {
            e.ToTable("EvidenceReports");
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasOne<AiSystem>().WithMany().HasForeignKey(x => x.AiSystemId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.RunId);
        });

        b.Entity<RequirementEvidence>(e =>
        {
            e.ToTable("RequirementEvidence");
            e.Property(x => x.Kind).HasMaxLength(200);
            e.Property(x => x.DateSource).HasMaxLength(20);
            e.Property(x => x.DateNote).HasMaxLength(1000);
            e.Property(x => x.StampedBy).HasMaxLength(500);
            e.Property(x => x.ExecutionName).HasMaxLength(200);
            e.HasOne<AiSystem>().WithMany().HasForeignKey(x => x.AiSystemId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.EvidenceReportId);
        });

        b.Entity<MetricResult>(e =>
        {
            e.ToTable("MetricResults");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasMaxLength(200);
            e.HasOne<AiSystem>().WithMany().HasForeignKey(x => x.AiSystemId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.EvidenceReportId);
        });

        b.Entity<IngestionToken>(e =>
        {
            e.ToTable("IngestionTokens");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Prefix).HasMaxLength(32);
            e.Property(x => x.SecretHash).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.RevokedBy).HasMaxLength(256);
            e.HasIndex(x => x.Prefix).IsUnique();
        });

        b.Entity<IngestionTokenUse>(e =>
        {
            e.ToTable("IngestionTokenUses");
            e.Property(x => x.Repository).HasMaxLength(200);
            e.Property(x => x.Detail).HasMaxLength(1000);
            e.HasOne<IngestionToken>().WithMany().HasForeignKey(x => x.TokenId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.TokenId, x.At });
        });

        b.Entity<AuditLogEntry>(e =>
        {
            e.ToTable("AuditLog");
            e.Property(x => x.ActorId).HasMaxLength(450);
            e.Property(x => x.ActorName).HasMaxLength(256);
            e.Property(x => x.Action).HasMaxLength(100);
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.ClientAddress).HasMaxLength(64);
            e.Property(x => x.EntityType).HasMaxLength(100);
            e.Property(x => x.EntityId).HasMaxLength(200);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.EntityType, x.EntityId });
        });

        b.Entity<AdminBootstrapCode>(e =>
        {
            e.ToTable("AdminBootstrapCodes");
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.Property(x => x.RedeemedBy).HasMaxLength(256);
        });
    }
}
