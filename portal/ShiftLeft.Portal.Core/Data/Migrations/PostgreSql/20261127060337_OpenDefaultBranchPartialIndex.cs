using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShiftLeft.Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OpenDefaultBranchPartialIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_IsOnDefaultBranch_IsOpen_Severity_Id",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_OpenOnDefaultBranch_Severity_Id",
                table: "Findings",
                columns: new[] { "Severity", "Id" },
                filter: "\"IsOnDefaultBranch\" AND \"IsOpen\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_OpenOnDefaultBranch_Severity_Id",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_IsOnDefaultBranch_IsOpen_Severity_Id",
                table: "Findings",
                columns: new[] { "IsOnDefaultBranch", "IsOpen", "Severity", "Id" });
        }
    }
}
