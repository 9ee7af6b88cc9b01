using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shequ.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DistributionAndHandout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Handout",
                table: "EvaluationSampledHouseholds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "HandoutOn",
                table: "EvaluationSampledHouseholds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DistributedAtUtc",
                table: "EvaluationCampaigns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DistributedBy",
                table: "EvaluationCampaigns",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Handout",
                table: "EvaluationSampledHouseholds");

            migrationBuilder.DropColumn(
                name: "HandoutOn",
                table: "EvaluationSampledHouseholds");

            migrationBuilder.DropColumn(
                name: "DistributedAtUtc",
                table: "EvaluationCampaigns");

            migrationBuilder.DropColumn(
                name: "DistributedBy",
                table: "EvaluationCampaigns");
        }
    }
}
