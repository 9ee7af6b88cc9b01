using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shequ.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Scheme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentSchemes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WeightResidentEvaluation = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    WeightRoutineWork = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    WeightSurgeTasks = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    WeightRequestsOnTime = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    WeightWorkLog = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    PointsExcellent = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    PointsGood = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    PointsFair = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    PointsPoor = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    MinimumValidEvaluations = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpectedExcellentShare = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentSchemes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSchemes_DistrictCode_Number",
                table: "AssessmentSchemes",
                columns: new[] { "DistrictCode", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentSchemes");
        }
    }
}
