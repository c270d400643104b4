using Microsoft.EntityFrameworkCore.Migrations;

namespace ShiftLeft.Portal.Core.Data;

/// <summary>
/// Governance records that are evidence of a decision and so append-only in the database itself, like the audit log
/// (<see cref="AppendOnlyAuditLog"/>): release sign-offs and accepted baselines. Triggers refuse UPDATE and DELETE (and
/// TRUNCATE on PostgreSQL). The migration that creates the tables calls <see cref="Create"/> at the end of Up and
/// <see cref="Drop"/> at the start of Down; keep those calls when migrations are regenerated.
/// </summary>
internal static class AppendOnlyTables
{
    /// <summary>The append-only governance tables.</summary>
    public static readonly IReadOnlyList<string> Names = ["ReleaseSignOffs", "BaselineAcceptances"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (IsPostgres(migrationBuilder))
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION "Governance_Refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '% is append-only: records cannot be changed or deleted.', TG_TABLE_NAME; END $$;
                """);
            foreach (var table in Names)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_AppendOnly" BEFORE UPDATE OR DELETE ON "{table}"
                    FOR EACH ROW EXECUTE FUNCTION "Governance_Refuse"();
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_NoTruncate" BEFORE TRUNCATE ON "{table}"
                    FOR EACH STATEMENT EXECUTE FUNCTION "Governance_Refuse"();
                    """);
            }

            return;
        }

        foreach (var table in Names)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_NoUpdate" BEFORE UPDATE ON "{table}"
                BEGIN SELECT RAISE(ABORT, '{table} is append-only: records cannot be changed.'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_NoDelete" BEFORE DELETE ON "{table}"
                BEGIN SELECT RAISE(ABORT, '{table} is append-only: records cannot be deleted.'); END;
                """);
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (IsPostgres(migrationBuilder))
        {
            foreach (var table in Names)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_NoTruncate" ON "{table}";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_AppendOnly" ON "{table}";""");
            }

            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "Governance_Refuse"();""");
            return;
        }

        foreach (var table in Names)
        {
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_NoUpdate";""");
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_NoDelete";""");
        }
    }

    private static bool IsPostgres(MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
