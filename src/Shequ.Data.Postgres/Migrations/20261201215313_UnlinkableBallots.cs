using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shequ.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UnlinkableBallots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationInvitationSubjects");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_BallotId",
                table: "Evaluations");

            migrationBuilder.DropIndex(
                name: "IX_EvaluationInvitations_CampaignId_HouseholdId",
                table: "EvaluationInvitations");

            migrationBuilder.DropColumn(
                name: "BallotId",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Day",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "HouseholdId",
                table: "EvaluationInvitations");

            migrationBuilder.AddColumn<bool>(
                name: "IsUsed",
                table: "EvaluationInvitations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Written by hand: used stays used. Household and subjects of unused invitations are dropped unsealed, so a
            // campaign running across this upgrade takes no more ballots (none has run outside tests and demos).
            migrationBuilder.Sql("""UPDATE "EvaluationInvitations" SET "IsUsed" = ("UsedAtUtc" IS NOT NULL);""");

            migrationBuilder.DropColumn(
                name: "UsedAtUtc",
                table: "EvaluationInvitations");

            migrationBuilder.AddColumn<string>(
                name: "BallotSeal",
                table: "Evaluations",
                type: "text",
                nullable: true);


            migrationBuilder.AddColumn<string>(
                name: "Sealed",
                table: "EvaluationInvitations",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EvaluationInvitedCounts",
                columns: table => new
                {
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    WorkerId = table.Column<int>(type: "integer", nullable: false),
                    Subjects = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationInvitedCounts", x => new { x.CampaignId, x.WorkerId });
                    table.ForeignKey(
                        name: "FK_EvaluationInvitedCounts_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationInvitedCounts_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationPendingBallots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    Sealed = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationPendingBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationPendingBallots_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitations_CampaignId",
                table: "EvaluationInvitations",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitedCounts_WorkerId",
                table: "EvaluationInvitedCounts",
                column: "WorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationPendingBallots_CampaignId",
                table: "EvaluationPendingBallots",
                column: "CampaignId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationInvitedCounts");

            migrationBuilder.DropTable(
                name: "EvaluationPendingBallots");

            migrationBuilder.DropIndex(
                name: "IX_EvaluationInvitations_CampaignId",
                table: "EvaluationInvitations");

            migrationBuilder.DropColumn(
                name: "BallotSeal",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "IsUsed",
                table: "EvaluationInvitations");

            migrationBuilder.DropColumn(
                name: "Sealed",
                table: "EvaluationInvitations");

            migrationBuilder.AddColumn<Guid>(
                name: "BallotId",
                table: "Evaluations",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateOnly>(
                name: "Day",
                table: "Evaluations",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "HouseholdId",
                table: "EvaluationInvitations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UsedAtUtc",
                table: "EvaluationInvitations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EvaluationInvitationSubjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationInvitationId = table.Column<int>(type: "integer", nullable: false),
                    ServiceItemId = table.Column<int>(type: "integer", nullable: false),
                    WorkerId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationInvitationSubjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationInvitationSubjects_EvaluationInvitations_Evaluati~",
                        column: x => x.EvaluationInvitationId,
                        principalTable: "EvaluationInvitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_BallotId",
                table: "Evaluations",
                column: "BallotId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitations_CampaignId_HouseholdId",
                table: "EvaluationInvitations",
                columns: new[] { "CampaignId", "HouseholdId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitationSubjects_EvaluationInvitationId",
                table: "EvaluationInvitationSubjects",
                column: "EvaluationInvitationId");
        }
    }
}
