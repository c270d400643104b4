using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShiftLeft.Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RepositoryRuleMetadata : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Category",
                table: "Rules");

            migrationBuilder.DropColumn(
                name: "HelpUri",
                table: "Rules");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "Rules");

            migrationBuilder.CreateTable(
                name: "RepositoryRules",
                columns: table => new
                {
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    HelpUri = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepositoryRules", x => new { x.RepositoryId, x.RuleId });
                    table.ForeignKey(
                        name: "FK_RepositoryRules_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RepositoryRules");

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Rules",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HelpUri",
                table: "Rules",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "Rules",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);
        }
    }
}
