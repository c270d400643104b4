using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShiftLeft.Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AppendOnlyAuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log is append-only in the database itself, whatever code runs against it.
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditLog_NoTruncate\" ON \"AuditLog\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditLog_AppendOnly\" ON \"AuditLog\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS \"AuditLog_Refuse\"();");
        }
    }
}
