using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shequ.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Publication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FrozenScores",
                table: "AssessmentPeriods",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ObjectionsUntil",
                table: "AssessmentPeriods",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ScoreAppeals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PeriodId = table.Column<int>(type: "integer", nullable: false),
                    WorkerId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    DecisionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreAppeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoreAppeals_AssessmentPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "AssessmentPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScoreAppeals_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreAppeals_PeriodId_WorkerId",
                table: "ScoreAppeals",
                columns: new[] { "PeriodId", "WorkerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreAppeals_WorkerId",
                table: "ScoreAppeals",
                column: "WorkerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScoreAppeals");

            migrationBuilder.DropColumn(
                name: "FrozenScores",
                table: "AssessmentPeriods");

            migrationBuilder.DropColumn(
                name: "ObjectionsUntil",
                table: "AssessmentPeriods");
        }
    }
}
