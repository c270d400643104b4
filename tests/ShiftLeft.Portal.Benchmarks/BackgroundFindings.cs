using System.Data.Common;
using System.Globalization;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Ingestion;

namespace ShiftLeft.Portal.Benchmarks;

/// <summary>
/// Fills a migrated database with findings of other repositories (five, one run each, one occurrence per finding) and
/// ANALYZEs it, so an upload into a new repository meets a planner that has statistics — and statistics that say
/// nothing about the new repository and run. Written set-based in SQL: only the upload after it is measured.
/// </summary>
internal static class BackgroundFindings
{
    private const int Repositories = 5;
    private const long FirstRepositoryId = 100_000;

    public static async Task FillAsync(PortalDatabase database, int findings)
    {
        if (findings <= 0) return;
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var now = database.IsSqlite ? "'2026-01-01 00:00:00'" : "TIMESTAMPTZ '2026-01-01 00:00:00Z'";
        var series = database.IsSqlite
            ? $"(WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < {findings}) SELECT i FROM g) s"
            : $"generate_series(1, {findings}) AS s(i)";
        var hex = database.IsSqlite ? "printf('%032x', s.i)" : "lpad(to_hex(s.i), 32, '0')";
        var repository = $"({FirstRepositoryId} + s.i % {Repositories})";
        for (var r = 0; r < Repositories; r++)
        {
            var id = (FirstRepositoryId + r).ToString(CultureInfo.InvariantCulture);
            await ExecuteAsync(connection, $"""
                INSERT INTO "Repositories" ("Id", "Name", "CanonicalName", "DefaultBranch", "CreatedAt") VALUES ({id}, 'background/r{id}', 'background/r{id}', 'main', {now});
                INSERT INTO "Runs" ("Id", "RepositoryId", "Branch", "Commit", "BuildId", "ReceivedAt", "HasSarif", "HasEvidence", "ResultCount", "NewCount",
                    "UnchangedCount", "FixedCount", "ReintroducedCount", "SuppressedCount", "OpenCountAfter", "DurationMs")
                VALUES ({id}, {id}, 'main', 'c', 'b', {now}, TRUE, FALSE, 0, 0, 0, 0, 0, 0, 0, 0);
                INSERT INTO "BranchHeads" ("RepositoryId", "Branch", "RunId", "ReceivedAt") VALUES ({id}, 'main', {id}, {now});
                """);
        }

        await ExecuteAsync(connection, $"""
            INSERT INTO "Findings" ({Columns})
            SELECT {repository}, 'main', {hex}, 'SL0001', 1, NULL, 'Member calls the model without the required control', 'src/File' || (s.i % 2000) || '.cs',
                   10 + s.i % 500, 5, 10 + s.i % 500, 40, NULL, 0, FALSE, NULL, NULL, 0, NULL, TRUE, {repository}, {repository}, {now}, {now}, TRUE
            FROM {series}
            """);
        await ExecuteAsync(connection, """
            INSERT INTO "FindingOccurrences" ("RunId", "FindingId", "State", "StartLine", "StartColumn", "IsSuppressed", "SuppressionJustification")
            SELECT f."RepositoryId", f."Id", 0, f."StartLine", f."StartColumn", FALSE, NULL FROM "Findings" f
            """);
        if (!database.IsSqlite)
        {
            // Runs were inserted with explicit ids: move the sequence past them.
            await ExecuteAsync(connection, """SELECT setval(pg_get_serial_sequence('"Runs"', 'Id'), (SELECT MAX("Id") FROM "Runs"))""");
        }

        // PostgreSQL: VACUUM too, so autovacuum does not start on the million fresh rows in the middle of the measurement.
        await ExecuteAsync(connection, database.IsSqlite ? "ANALYZE" : "VACUUM ANALYZE");
    }

    /// <summary>The finding columns but the id (the database numbers them).</summary>
    private static string Columns => RunRowWriter.FindingColumns[(RunRowWriter.FindingColumns.IndexOf(',', StringComparison.Ordinal) + 2)..];

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
