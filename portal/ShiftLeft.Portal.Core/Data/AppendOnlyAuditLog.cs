using Microsoft.EntityFrameworkCore.Migrations;

namespace ShiftLeft.Portal.Core.Data;

/// <summary>
/// The part of the schema EF's model cannot express: the audit log is append-only in the database itself, whatever code runs
/// against it (triggers refusing UPDATE and DELETE, and TRUNCATE on PostgreSQL). Each provider's initial migration calls
/// <see cref="Create"/> at the end of Up and <see cref="Drop"/> at the start of Down; keep those calls when a migration is regenerated.
/// </summary>
internal static class AppendOnlyAuditLog
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (IsPostgres(migrationBuilder))
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION "AuditLog_Refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'The audit log is append-only: entries cannot be changed or deleted.'; END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditLog_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditLog"
                FOR EACH ROW EXECUTE FUNCTION "AuditLog_Refuse"();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditLog_NoTruncate" BEFORE TRUNCATE ON "AuditLog"
                FOR EACH STATEMENT EXECUTE FUNCTION "AuditLog_Refuse"();
                """);
            return;
        }

        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditLog_NoUpdate" BEFORE UPDATE ON "AuditLog"
            BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be changed.'); END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditLog_NoDelete" BEFORE DELETE ON "AuditLog"
            BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be deleted.'); END;
            """);
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (IsPostgres(migrationBuilder))
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditLog_NoTruncate" ON "AuditLog";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditLog_AppendOnly" ON "AuditLog";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "AuditLog_Refuse"();""");
            return;
        }

        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditLog_NoUpdate";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditLog_NoDelete";""");
    }

    private static bool IsPostgres(MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
