using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShiftLeft.Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OneCurrentTriageDecision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Databases written by several instances before this index may hold two current decisions for one finding
            // (the expiry sweep ran on each): the latest stays current, as the grid already showed it.
            migrationBuilder.Sql("""
                UPDATE "TriageDecisions" SET "IsCurrent" = FALSE
                WHERE "IsCurrent" AND "Id" < (SELECT MAX(d."Id") FROM "TriageDecisions" d
                    WHERE d."RepositoryId" = "TriageDecisions"."RepositoryId" AND d."Fingerprint" = "TriageDecisions"."Fingerprint" AND d."IsCurrent")
                """);
            migrationBuilder.CreateIndex(
                name: "IX_TriageDecisions_OneCurrent",
                table: "TriageDecisions",
                columns: new[] { "RepositoryId", "Fingerprint" },
                unique: true,
                filter: "\"IsCurrent\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TriageDecisions_OneCurrent",
                table: "TriageDecisions");
        }
    }
}
