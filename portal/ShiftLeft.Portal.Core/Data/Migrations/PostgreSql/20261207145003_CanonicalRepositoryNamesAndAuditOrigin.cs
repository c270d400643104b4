using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShiftLeft.Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CanonicalRepositoryNamesAndAuditOrigin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Repositories_Name",
                table: "Repositories");

            migrationBuilder.AddColumn<string>(
                name: "CanonicalName",
                table: "Repositories",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "AuditLog",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientAddress",
                table: "AuditLog",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            // Names are compared lower-cased from now on (RepositoryNames.Canonical). Rows that differ only in case keep the
            // first (lowest id) as the name's repository; later ones get "#<id>" appended and stay reachable by id.
            migrationBuilder.Sql("""UPDATE "Repositories" SET "CanonicalName" = lower("Name");""");
            migrationBuilder.Sql("""
                UPDATE "Repositories" SET "CanonicalName" = substr("CanonicalName", 1, 180) || '#' || CAST("Id" AS TEXT)
                WHERE EXISTS (SELECT 1 FROM "Repositories" o WHERE o."CanonicalName" = "Repositories"."CanonicalName" AND o."Id" < "Repositories"."Id");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Repositories_CanonicalName",
                table: "Repositories",
                column: "CanonicalName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Repositories_CanonicalName",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "CanonicalName",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "ClientAddress",
                table: "AuditLog");

            migrationBuilder.CreateIndex(
                name: "IX_Repositories_Name",
                table: "Repositories",
                column: "Name",
                unique: true);
        }
    }
}
