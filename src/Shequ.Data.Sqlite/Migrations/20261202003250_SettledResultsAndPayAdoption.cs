using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shequ.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SettledResultsAndPayAdoption : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "FrozenScores",
                table: "AssessmentPeriods",
                newName: "Results");

            migrationBuilder.AddColumn<decimal>(
                name: "WeightAnnualSurge",
                table: "AssessmentSchemes",
                type: "TEXT",
                precision: 5,
                scale: 4,
                nullable: false,
                defaultValue: 0.20m);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClosedOn",
                table: "AssessmentPeriods",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PayAdoptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    AssessmentShare = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    Rule = table.Column<int>(type: "INTEGER", nullable: false),
                    Spread = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    Unscored = table.Column<int>(type: "INTEGER", nullable: false),
                    Pool = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Gap = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AdoptedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AdoptedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayAdoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayAdoptions_AssessmentPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "AssessmentPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ResultCorrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false),
                    AppealId = table.Column<int>(type: "INTEGER", nullable: true),
                    TotalBefore = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    TotalAfter = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    ValidBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResultCorrections_AssessmentPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "AssessmentPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResultCorrections_ScoreAppeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "ScoreAppeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ResultCorrections_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AdoptedPay",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AdoptionId = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    FixedPay = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    AssessmentPay = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptedPay", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdoptedPay_PayAdoptions_AdoptionId",
                        column: x => x.AdoptionId,
                        principalTable: "PayAdoptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AdoptedPay_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdoptedPay_AdoptionId",
                table: "AdoptedPay",
                column: "AdoptionId");

            migrationBuilder.CreateIndex(
                name: "IX_AdoptedPay_WorkerId",
                table: "AdoptedPay",
                column: "WorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_PayAdoptions_DistrictCode_Year",
                table: "PayAdoptions",
                columns: new[] { "DistrictCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PayAdoptions_PeriodId",
                table: "PayAdoptions",
                column: "PeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_ResultCorrections_AppealId",
                table: "ResultCorrections",
                column: "AppealId");

            migrationBuilder.CreateIndex(
                name: "IX_ResultCorrections_PeriodId_WorkerId",
                table: "ResultCorrections",
                columns: new[] { "PeriodId", "WorkerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ResultCorrections_WorkerId",
                table: "ResultCorrections",
                column: "WorkerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdoptedPay");

            migrationBuilder.DropTable(
                name: "ResultCorrections");

            migrationBuilder.DropTable(
                name: "PayAdoptions");

            migrationBuilder.DropColumn(
                name: "WeightAnnualSurge",
                table: "AssessmentSchemes");

            migrationBuilder.DropColumn(
                name: "ClosedOn",
                table: "AssessmentPeriods");

            migrationBuilder.RenameColumn(
                name: "Results",
                table: "AssessmentPeriods",
                newName: "FrozenScores");
        }
    }
}
