using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shequ.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DrawRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Exclusions",
                table: "EvaluationCampaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "EvaluationCampaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Exclusions",
                table: "EvaluationCampaigns");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "EvaluationCampaigns");
        }
    }
}
