using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shequ.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HandlingUnitsAndAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HandlerUnitId",
                table: "Suggestions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PublishedAtUtc",
                table: "Suggestions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedBy",
                table: "Suggestions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReplyIsPublic",
                table: "Suggestions",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AnsweredBy",
                table: "ServiceRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandlerAccount",
                table: "ServiceRequests",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HandlerUnitId",
                table: "ServiceRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rating",
                table: "ServiceRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultText",
                table: "ServiceRequests",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnitId",
                table: "AspNetUsers",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HandlingUnits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    AreaPrefix = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    ContactPerson = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandlingUnits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_HandlerUnitId",
                table: "Suggestions",
                column: "HandlerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_HandlerUnitId_Stage",
                table: "ServiceRequests",
                columns: new[] { "HandlerUnitId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_UnitId",
                table: "AspNetUsers",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_HandlingUnits_AreaPrefix",
                table: "HandlingUnits",
                column: "AreaPrefix");

            migrationBuilder.CreateIndex(
                name: "IX_HandlingUnits_RegionCode_Name",
                table: "HandlingUnits",
                columns: new[] { "RegionCode", "Name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_HandlingUnits_UnitId",
                table: "AspNetUsers",
                column: "UnitId",
                principalTable: "HandlingUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ServiceRequests_HandlingUnits_HandlerUnitId",
                table: "ServiceRequests",
                column: "HandlerUnitId",
                principalTable: "HandlingUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Suggestions_HandlingUnits_HandlerUnitId",
                table: "Suggestions",
                column: "HandlerUnitId",
                principalTable: "HandlingUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // Replies published before drafts existed were all public; they stay so.
            migrationBuilder.Sql("UPDATE \"Suggestions\" SET \"ReplyIsPublic\" = TRUE, \"PublishedBy\" = \"RepliedBy\", \"PublishedAtUtc\" = \"RepliedAtUtc\" WHERE \"Status\" = 4;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_HandlingUnits_UnitId",
                table: "AspNetUsers");

            migrationBuilder.DropForeignKey(
                name: "FK_ServiceRequests_HandlingUnits_HandlerUnitId",
                table: "ServiceRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_Suggestions_HandlingUnits_HandlerUnitId",
                table: "Suggestions");

            migrationBuilder.DropTable(
                name: "HandlingUnits");

            migrationBuilder.DropIndex(
                name: "IX_Suggestions_HandlerUnitId",
                table: "Suggestions");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_HandlerUnitId_Stage",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_UnitId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "HandlerUnitId",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "PublishedAtUtc",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "PublishedBy",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "ReplyIsPublic",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "AnsweredBy",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "HandlerAccount",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "HandlerUnitId",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "Rating",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ResultText",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "AspNetUsers");
        }
    }
}
