using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shequ.Data.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PublishedAtUtc",
                table: "Suggestions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedBy",
                table: "Suggestions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReplyIsPublic",
                table: "Suggestions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AnsweredBy",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandlerAccount",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HandlerUnitId",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rating",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultText",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnitId",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HandlingUnits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    AreaPrefix = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    ContactPerson = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
            migrationBuilder.Sql("UPDATE \"Suggestions\" SET \"ReplyIsPublic\" = 1, \"PublishedBy\" = \"RepliedBy\", \"PublishedAtUtc\" = \"RepliedAtUtc\" WHERE \"Status\" = 4;");
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
