using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShiftLeft.Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class BranchHeadsAndDefaultBranchFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_IsOpen_Severity",
                table: "Findings");

            migrationBuilder.AddColumn<bool>(
                name: "IsOnDefaultBranch",
                table: "Findings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "BranchHeads",
                columns: table => new
                {
                    RepositoryId = table.Column<long>(type: "bigint", nullable: false),
                    Branch = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BranchHeads", x => new { x.RepositoryId, x.Branch });
                    table.ForeignKey(
                        name: "FK_BranchHeads_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing data: flag the findings of each repository's default branch, and record each branch's latest SARIF run
            // (until now every row's LastSeenRunId was its latest sighting, so the effective-state rule reads old rows correctly).
            migrationBuilder.Sql("""
                UPDATE "Findings" SET "IsOnDefaultBranch" = TRUE
                WHERE EXISTS (SELECT 1 FROM "Repositories" r WHERE r."Id" = "Findings"."RepositoryId" AND r."DefaultBranch" = "Findings"."Branch")
                """);
            migrationBuilder.Sql("""
                INSERT INTO "BranchHeads" ("RepositoryId", "Branch", "RunId", "ReceivedAt")
                SELECT x."RepositoryId", x."Branch", x."Id", x."ReceivedAt" FROM "Runs" x
                WHERE x."HasSarif" AND x."Id" = (SELECT MAX(y."Id") FROM "Runs" y WHERE y."RepositoryId" = x."RepositoryId" AND y."Branch" = x."Branch" AND y."HasSarif")
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Findings_IsOnDefaultBranch_IsOpen_Severity_Id",
                table: "Findings",
                columns: new[] { "IsOnDefaultBranch", "IsOpen", "Severity", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BranchHeads");

            migrationBuilder.DropIndex(
                name: "IX_Findings_IsOnDefaultBranch_IsOpen_Severity_Id",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "IsOnDefaultBranch",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_IsOpen_Severity",
                table: "Findings",
                columns: new[] { "IsOpen", "Severity" });
        }
    }
}
