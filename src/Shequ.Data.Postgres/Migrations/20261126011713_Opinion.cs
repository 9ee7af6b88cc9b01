using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shequ.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Opinion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContactLeaders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Title = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactLeaders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContactDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CommunityCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Venue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Agenda = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LeaderId = table.Column<int>(type: "integer", nullable: true),
                    LeaderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LeaderTitle = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Residents = table.Column<int>(type: "integer", nullable: true),
                    Organizations = table.Column<int>(type: "integer", nullable: true),
                    Enterprises = table.Column<int>(type: "integer", nullable: true),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactDays_ContactLeaders_LeaderId",
                        column: x => x.LeaderId,
                        principalTable: "ContactLeaders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Suggestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CommunityCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    ContactDayId = table.Column<int>(type: "integer", nullable: true),
                    ServiceRecordId = table.Column<long>(type: "bigint", nullable: true),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SubmitterName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FollowTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SuggestedCategory = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: true),
                    CategoryConfirmedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Keywords = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GroupId = table.Column<int>(type: "integer", nullable: true),
                    UnitKind = table.Column<int>(type: "integer", nullable: true),
                    UnitName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ReplyDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Reply = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RepliedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RepliedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RepliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Suggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Suggestions_ContactDays_ContactDayId",
                        column: x => x.ContactDayId,
                        principalTable: "ContactDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Suggestions_ServiceRecords_ServiceRecordId",
                        column: x => x.ServiceRecordId,
                        principalTable: "ServiceRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactDays_CommunityCode_Date",
                table: "ContactDays",
                columns: new[] { "CommunityCode", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactDays_Date",
                table: "ContactDays",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_ContactDays_LeaderId",
                table: "ContactDays",
                column: "LeaderId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactLeaders_RegionCode",
                table: "ContactLeaders",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_CommunityCode_SubmittedAtUtc",
                table: "Suggestions",
                columns: new[] { "CommunityCode", "SubmittedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_ContactDayId",
                table: "Suggestions",
                column: "ContactDayId");

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_FollowTokenHash",
                table: "Suggestions",
                column: "FollowTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_GroupId",
                table: "Suggestions",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_ServiceRecordId",
                table: "Suggestions",
                column: "ServiceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_Status_ReplyDueOn",
                table: "Suggestions",
                columns: new[] { "Status", "ReplyDueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Suggestions");

            migrationBuilder.DropTable(
                name: "ContactDays");

            migrationBuilder.DropTable(
                name: "ContactLeaders");
        }
    }
}
