using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShiftLeft.Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneFingerprintIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_RepositoryId_Branch_Fingerprint",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_RepositoryId_Fingerprint",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_RepositoryId_Fingerprint_Branch",
                table: "Findings",
                columns: new[] { "RepositoryId", "Fingerprint", "Branch" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_RepositoryId_Fingerprint_Branch",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_RepositoryId_Branch_Fingerprint",
                table: "Findings",
                columns: new[] { "RepositoryId", "Branch", "Fingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Findings_RepositoryId_Fingerprint",
                table: "Findings",
                columns: new[] { "RepositoryId", "Fingerprint" });
        }
    }
}
