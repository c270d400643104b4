using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>Recomputes <see cref="Domain.RepositoryRuleStat"/> rows of repositories, inside the caller's transaction.</summary>
internal static class RepositoryStats
{
    public static async Task RecomputeAsync(PortalDbContext db, long repositoryId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "RepositoryRuleStats" WHERE "RepositoryId" = {0}""", [repositoryId], cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "RepositoryRuleStats" ("RepositoryId", "RuleId", "Severity", "OwaspCategory", "OpenCount")
            SELECT f."RepositoryId", f."RuleId", f."Severity", MAX(f."OwaspCategory"), COUNT(*)
            FROM "Findings" f JOIN "Repositories" r ON r."Id" = f."RepositoryId"
            WHERE f."RepositoryId" = {0} AND f."Branch" = r."DefaultBranch" AND f."IsOpen"
            GROUP BY f."RepositoryId", f."RuleId", f."Severity"
            """, [repositoryId], cancellationToken).ConfigureAwait(false);
    }
}
