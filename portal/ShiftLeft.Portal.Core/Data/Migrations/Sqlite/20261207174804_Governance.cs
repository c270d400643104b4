using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShiftLeft.Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Governance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EvidenceSha256",
                table: "EvidenceReports",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BaselineAcceptances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AiSystemId = table.Column<long>(type: "INTEGER", nullable: false),
                    EvidenceReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    Branch = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Commit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AcceptedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AcceptedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BaselineAcceptances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReleaseSignOffs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    AiSystemId = table.Column<long>(type: "INTEGER", nullable: false),
                    EvidenceReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    SystemName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Commit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EvidenceSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Signer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleaseSignOffs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RiskAcceptances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<int>(type: "INTEGER", nullable: false),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FindingId = table.Column<long>(type: "INTEGER", nullable: true),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AiSystemId = table.Column<long>(type: "INTEGER", nullable: true),
                    SystemName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Requirement = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Risks = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Expires = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskAcceptances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskAcceptances_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SigningKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SigningKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BaselineAcceptances_AiSystemId_Branch_AcceptedAt",
                table: "BaselineAcceptances",
                columns: new[] { "AiSystemId", "Branch", "AcceptedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseSignOffs_AiSystemId_SignedAt",
                table: "ReleaseSignOffs",
                columns: new[] { "AiSystemId", "SignedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseSignOffs_RepositoryId_SystemName_EvidenceSha256",
                table: "ReleaseSignOffs",
                columns: new[] { "RepositoryId", "SystemName", "EvidenceSha256" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskAcceptances_AiSystemId",
                table: "RiskAcceptances",
                column: "AiSystemId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskAcceptances_RepositoryId_Fingerprint",
                table: "RiskAcceptances",
                columns: new[] { "RepositoryId", "Fingerprint" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskAcceptances_Status_Expires",
                table: "RiskAcceptances",
                columns: new[] { "Status", "Expires" });

            // Not in the model: sign-offs and accepted baselines are append-only (Data/AppendOnlyTables.cs).
            AppendOnlyTables.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AppendOnlyTables.Drop(migrationBuilder);

            migrationBuilder.DropTable(
                name: "BaselineAcceptances");

            migrationBuilder.DropTable(
                name: "ReleaseSignOffs");

            migrationBuilder.DropTable(
                name: "RiskAcceptances");

            migrationBuilder.DropTable(
                name: "SigningKeys");

            migrationBuilder.DropColumn(
                name: "EvidenceSha256",
                table: "EvidenceReports");
        }
    }
}
