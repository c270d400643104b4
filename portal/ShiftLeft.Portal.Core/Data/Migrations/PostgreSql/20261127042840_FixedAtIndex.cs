using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShiftLeft.Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class FixedAtIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Findings_FixedAt",
                table: "Findings",
                column: "FixedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_FixedAt",
                table: "Findings");
        }
    }
}
