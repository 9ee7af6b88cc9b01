using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shequ.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Assessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentPeriods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationCampaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: false),
                    PerItem = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxPerWorker = table.Column<int>(type: "INTEGER", nullable: false),
                    Frame = table.Column<string>(type: "TEXT", nullable: false),
                    SlipKeyCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Workers = table.Column<int>(type: "INTEGER", nullable: false),
                    Invitations = table.Column<int>(type: "INTEGER", nullable: false),
                    IsClosed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationCampaigns_AssessmentPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "AssessmentPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ShortCodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationInvitations_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    BallotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Grade = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReasonCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    ScreenedOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScreeningNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_ServiceItems_ServiceItemId",
                        column: x => x.ServiceItemId,
                        principalTable: "ServiceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationSampledHouseholds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationSampledHouseholds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationSampledHouseholds_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationInvitationSubjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    EvaluationInvitationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationInvitationSubjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationInvitationSubjects_EvaluationInvitations_EvaluationInvitationId",
                        column: x => x.EvaluationInvitationId,
                        principalTable: "EvaluationInvitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentPeriods_DistrictCode_Year_Quarter",
                table: "AssessmentPeriods",
                columns: new[] { "DistrictCode", "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationCampaigns_PeriodId",
                table: "EvaluationCampaigns",
                column: "PeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationCampaigns_RegionCode",
                table: "EvaluationCampaigns",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitations_CampaignId_HouseholdId",
                table: "EvaluationInvitations",
                columns: new[] { "CampaignId", "HouseholdId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitations_ShortCodeHash",
                table: "EvaluationInvitations",
                column: "ShortCodeHash");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitations_TokenHash",
                table: "EvaluationInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationInvitationSubjects_EvaluationInvitationId",
                table: "EvaluationInvitationSubjects",
                column: "EvaluationInvitationId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_BallotId",
                table: "Evaluations",
                column: "BallotId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_CampaignId_WorkerId",
                table: "Evaluations",
                columns: new[] { "CampaignId", "WorkerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_ServiceItemId",
                table: "Evaluations",
                column: "ServiceItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_WorkerId",
                table: "Evaluations",
                column: "WorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationSampledHouseholds_CampaignId_HouseholdId",
                table: "EvaluationSampledHouseholds",
                columns: new[] { "CampaignId", "HouseholdId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationSampledHouseholds_HouseholdId",
                table: "EvaluationSampledHouseholds",
                column: "HouseholdId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationInvitationSubjects");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "EvaluationSampledHouseholds");

            migrationBuilder.DropTable(
                name: "EvaluationInvitations");

            migrationBuilder.DropTable(
                name: "EvaluationCampaigns");

            migrationBuilder.DropTable(
                name: "AssessmentPeriods");
        }
    }
}
