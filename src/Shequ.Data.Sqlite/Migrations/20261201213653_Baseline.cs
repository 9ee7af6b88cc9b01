using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Shequ.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

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
                    ObjectionsUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FrozenScores = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentPeriods", x => x.Id);
                });

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

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    EntityKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    RemoteIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContactLeaders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactLeaders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Regions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    UrbanRural = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Regions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Regions_Regions_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Group = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeLimitHours = table.Column<int>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestCategories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestCategories_RequestCategories_ParentId",
                        column: x => x.ParentId,
                        principalTable: "RequestCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceAgreements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Funding = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Responsibilities = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceAgreements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Function = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    List = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OwnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrainingPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedSessions = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: true),
                    RecurrenceDay = table.Column<int>(type: "INTEGER", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "ContactDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Agenda = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LeaderId = table.Column<int>(type: "INTEGER", nullable: true),
                    LeaderName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LeaderTitle = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Residents = table.Column<int>(type: "INTEGER", nullable: true),
                    Organizations = table.Column<int>(type: "INTEGER", nullable: true),
                    Enterprises = table.Column<int>(type: "INTEGER", nullable: true),
                    IsPublished = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IsDisabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Households",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    AddressCipher = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AddressIndex = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DwellingType = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Households_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceSites",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OpeningHours = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContactPerson = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    HallStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    PointType = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceSites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceSites_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceAgreementItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ServiceAgreementId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceAgreementItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceAgreementItems_ServiceAgreements_ServiceAgreementId",
                        column: x => x.ServiceAgreementId,
                        principalTable: "ServiceAgreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ServiceAgreementItems_ServiceItems_ServiceItemId",
                        column: x => x.ServiceItemId,
                        principalTable: "ServiceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceItemVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Standard = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ServiceItemId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceItemVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceItemVersions_ServiceItems_ServiceItemId",
                        column: x => x.ServiceItemId,
                        principalTable: "ServiceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 4, scale: 1, nullable: false),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingSessions_TrainingPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "TrainingPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkTaskCompletions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssigneeId = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Report = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Grade = table.Column<int>(type: "INTEGER", nullable: true),
                    AssessedFindings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AssessedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WorkTaskId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkTaskCompletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkTaskCompletions_WorkTasks_WorkTaskId",
                        column: x => x.WorkTaskId,
                        principalTable: "WorkTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Residents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IdCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IdIndex = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Sex = table.Column<int>(type: "INTEGER", nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PhoneCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PhoneIndex = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Relation = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CareLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    CareReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Residents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Residents_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Workers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Qualification = table.Column<int>(type: "INTEGER", nullable: false),
                    QualificationYear = table.Column<int>(type: "INTEGER", nullable: true),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<string>(type: "TEXT", nullable: true),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Workers_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Workers_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "WorkStationCommunities",
                columns: table => new
                {
                    CommunityId = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkStationCommunities", x => new { x.CommunityId, x.SiteId });
                    table.ForeignKey(
                        name: "FK_WorkStationCommunities_Regions_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkStationCommunities_ServiceSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "ServiceSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    TimeLimitDays = table.Column<int>(type: "INTEGER", nullable: true),
                    Materials = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ServiceItemVersionId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceSteps_ServiceItemVersions_ServiceItemVersionId",
                        column: x => x.ServiceItemVersionId,
                        principalTable: "ServiceItemVersions",
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

            migrationBuilder.CreateTable(
                name: "ResidentGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Group = table.Column<int>(type: "INTEGER", nullable: false),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DisabilityCategory = table.Column<int>(type: "INTEGER", nullable: true),
                    DisabilityGrade = table.Column<int>(type: "INTEGER", nullable: true),
                    CertificateCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ResidentId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResidentGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResidentGroups_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
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
                name: "ScoreAppeals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "ServiceRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RequesterName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    RequesterPhoneCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FollowTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DispatchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TimeLimitHours = table.Column<int>(type: "INTEGER", nullable: true),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandlerWorkerId = table.Column<int>(type: "INTEGER", nullable: true),
                    EscalationLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    SolvedAnswer = table.Column<bool>(type: "INTEGER", nullable: true),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReportedOnTime = table.Column<bool>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_RequestCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "RequestCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_Workers_HandlerWorkerId",
                        column: x => x.HandlerWorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "TrainingAttendance",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingAttendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingAttendance_TrainingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "TrainingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrainingAttendance_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkerAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkerAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkerAssignments_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkerAssignments_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkerKin",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkerKin", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkerKin_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkerKin_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkerPay",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Base = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Seniority = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    PositionAllowance = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkerPay", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkerPay_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkLogEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkLogEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkLogEntries_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkTaskAssignees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    WorkTaskId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkTaskAssignees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkTaskAssignees_WorkTasks_WorkTaskId",
                        column: x => x.WorkTaskId,
                        principalTable: "WorkTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkTaskAssignees_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRequestTransitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    From = table.Column<int>(type: "INTEGER", nullable: true),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ServiceRequestId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRequestTransitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRequestTransitions_ServiceRequests_ServiceRequestId",
                        column: x => x.ServiceRequestId,
                        principalTable: "ServiceRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkerId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResidentId = table.Column<int>(type: "INTEGER", nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Mode = table.Column<int>(type: "INTEGER", nullable: false),
                    Provider = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkLogEntryId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_ServiceItems_ServiceItemId",
                        column: x => x.ServiceItemId,
                        principalTable: "ServiceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_WorkLogEntries_WorkLogEntryId",
                        column: x => x.WorkLogEntryId,
                        principalTable: "WorkLogEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WorkLogVisits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkLogEntryId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkLogVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkLogVisits_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkLogVisits_WorkLogEntries_WorkLogEntryId",
                        column: x => x.WorkLogEntryId,
                        principalTable: "WorkLogEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Suggestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactDayId = table.Column<int>(type: "INTEGER", nullable: true),
                    ServiceRecordId = table.Column<long>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SubmitterName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FollowTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SuggestedCategory = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: true),
                    CategoryConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Keywords = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitKind = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    ReplyDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RepliedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RepliedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RepliedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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

            migrationBuilder.InsertData(
                table: "RequestCategories",
                columns: new[] { "Id", "Code", "Group", "IsActive", "Name", "ParentId", "TimeLimitHours" },
                values: new object[,]
                {
                    { 1, "E", 1, true, "事件类", null, 72 },
                    { 10, "C", 2, true, "部件类", null, 120 },
                    { 20, "S", 3, true, "社区服务", null, 72 },
                    { 2, "E01", 1, true, "市容环境", 1, 48 },
                    { 3, "E02", 1, true, "宣传广告", 1, 72 },
                    { 4, "E03", 1, true, "施工管理", 1, 48 },
                    { 5, "E04", 1, true, "突发事件", 1, 4 },
                    { 6, "E05", 1, true, "街面秩序", 1, 24 },
                    { 11, "C01", 2, true, "公用设施", 10, 72 },
                    { 12, "C02", 2, true, "道路交通", 10, 72 },
                    { 13, "C03", 2, true, "市容环境设施", 10, 72 },
                    { 14, "C04", 2, true, "园林绿化", 10, 120 },
                    { 15, "C05", 2, true, "房屋土地", 10, 168 },
                    { 21, "S01", 3, true, "维修", 20, 72 },
                    { 25, "S02", 3, true, "帮扶救助", 20, 72 },
                    { 26, "S03", 3, true, "证明开具", 20, 24 },
                    { 27, "S04", 3, true, "政策咨询", 20, 24 },
                    { 28, "S09", 3, true, "其他", 20, 72 },
                    { 22, "S0101", 3, true, "水电维修", 21, 24 },
                    { 23, "S0102", 3, true, "门窗维修", 21, 72 },
                    { 24, "S0103", 3, true, "下水管道疏通", 21, 24 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_TokenHash",
                table: "ApiTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_UserId",
                table: "ApiTokens",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_RegionId",
                table: "AspNetUsers",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentPeriods_DistrictCode_Year_Quarter",
                table: "AssessmentPeriods",
                columns: new[] { "DistrictCode", "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSchemes_DistrictCode_Number",
                table: "AssessmentSchemes",
                columns: new[] { "DistrictCode", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AtUtc",
                table: "AuditEntries",
                column: "AtUtc");

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

            migrationBuilder.CreateIndex(
                name: "IX_Households_AddressIndex",
                table: "Households",
                column: "AddressIndex");

            migrationBuilder.CreateIndex(
                name: "IX_Households_RegionCode",
                table: "Households",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Households_RegionId",
                table: "Households",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_CreatedAtUtc",
                table: "IdempotencyRecords",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_Scope_Key",
                table: "IdempotencyRecords",
                columns: new[] { "Scope", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Regions_Code",
                table: "Regions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Regions_Name",
                table: "Regions",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Regions_ParentId",
                table: "Regions",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestCategories_Code",
                table: "RequestCategories",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RequestCategories_ParentId",
                table: "RequestCategories",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_ResidentGroups_ResidentId_Group",
                table: "ResidentGroups",
                columns: new[] { "ResidentId", "Group" });

            migrationBuilder.CreateIndex(
                name: "IX_Residents_HouseholdId",
                table: "Residents",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Residents_IdIndex",
                table: "Residents",
                column: "IdIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Residents_Name",
                table: "Residents",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Residents_PhoneIndex",
                table: "Residents",
                column: "PhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_Residents_RegionCode",
                table: "Residents",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreAppeals_PeriodId_WorkerId",
                table: "ScoreAppeals",
                columns: new[] { "PeriodId", "WorkerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreAppeals_WorkerId",
                table: "ScoreAppeals",
                column: "WorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAgreementItems_ServiceAgreementId",
                table: "ServiceAgreementItems",
                column: "ServiceAgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAgreementItems_ServiceItemId",
                table: "ServiceAgreementItems",
                column: "ServiceItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAgreements_CommunityCode_Year",
                table: "ServiceAgreements",
                columns: new[] { "CommunityCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItems_RegionCode_Code",
                table: "ServiceItems",
                columns: new[] { "RegionCode", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItemVersions_ServiceItemId_Number",
                table: "ServiceItemVersions",
                columns: new[] { "ServiceItemId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_HouseholdId_OccurredAt",
                table: "ServiceRecords",
                columns: new[] { "HouseholdId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_RegionCode_OccurredAt",
                table: "ServiceRecords",
                columns: new[] { "RegionCode", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_ResidentId",
                table: "ServiceRecords",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_ServiceItemId",
                table: "ServiceRecords",
                column: "ServiceItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_WorkerId_OccurredAt",
                table: "ServiceRecords",
                columns: new[] { "WorkerId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_WorkLogEntryId",
                table: "ServiceRecords",
                column: "WorkLogEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CategoryId",
                table: "ServiceRequests",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_FollowTokenHash",
                table: "ServiceRequests",
                column: "FollowTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_HandlerWorkerId",
                table: "ServiceRequests",
                column: "HandlerWorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_RegionCode_Stage",
                table: "ServiceRequests",
                columns: new[] { "RegionCode", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_Stage_DueAtUtc",
                table: "ServiceRequests",
                columns: new[] { "Stage", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequestTransitions_ServiceRequestId",
                table: "ServiceRequestTransitions",
                column: "ServiceRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSites_Name",
                table: "ServiceSites",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSites_RegionId",
                table: "ServiceSites",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSteps_ServiceItemVersionId",
                table: "ServiceSteps",
                column: "ServiceItemVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_OwnerType_OwnerId",
                table: "StoredFiles",
                columns: new[] { "OwnerType", "OwnerId" });

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

            migrationBuilder.CreateIndex(
                name: "IX_TrainingAttendance_SessionId",
                table: "TrainingAttendance",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingAttendance_WorkerId",
                table: "TrainingAttendance",
                column: "WorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingPlans_RegionCode",
                table: "TrainingPlans",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingSessions_PlanId",
                table: "TrainingSessions",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkerAssignments_RegionCode",
                table: "WorkerAssignments",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_WorkerAssignments_RegionId",
                table: "WorkerAssignments",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkerAssignments_WorkerId",
                table: "WorkerAssignments",
                column: "WorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkerKin_ResidentId",
                table: "WorkerKin",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkerKin_WorkerId",
                table: "WorkerKin",
                column: "WorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkerPay_WorkerId_Year",
                table: "WorkerPay",
                columns: new[] { "WorkerId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Workers_HouseholdId",
                table: "Workers",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Workers_Name",
                table: "Workers",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Workers_RegionCode",
                table: "Workers",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Workers_StaffUserId",
                table: "Workers",
                column: "StaffUserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkLogEntries_RegionCode",
                table: "WorkLogEntries",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_WorkLogEntries_WorkerId_Date",
                table: "WorkLogEntries",
                columns: new[] { "WorkerId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkLogVisits_HouseholdId",
                table: "WorkLogVisits",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkLogVisits_WorkLogEntryId",
                table: "WorkLogVisits",
                column: "WorkLogEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkStationCommunities_SiteId",
                table: "WorkStationCommunities",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTaskAssignees_RegionCode",
                table: "WorkTaskAssignees",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTaskAssignees_WorkerId",
                table: "WorkTaskAssignees",
                column: "WorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTaskAssignees_WorkTaskId",
                table: "WorkTaskAssignees",
                column: "WorkTaskId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTaskCompletions_WorkTaskId_AssigneeId_DueOn",
                table: "WorkTaskCompletions",
                columns: new[] { "WorkTaskId", "AssigneeId", "DueOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_RegionCode",
                table: "WorkTasks",
                column: "RegionCode");

            // Written by hand, not generated. Security item C16: the audit log is append-only.
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_NoDelete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiTokens");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AssessmentSchemes");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EvaluationInvitationSubjects");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "EvaluationSampledHouseholds");

            migrationBuilder.DropTable(
                name: "IdempotencyRecords");

            migrationBuilder.DropTable(
                name: "ResidentGroups");

            migrationBuilder.DropTable(
                name: "ScoreAppeals");

            migrationBuilder.DropTable(
                name: "ServiceAgreementItems");

            migrationBuilder.DropTable(
                name: "ServiceRequestTransitions");

            migrationBuilder.DropTable(
                name: "ServiceSteps");

            migrationBuilder.DropTable(
                name: "StoredFiles");

            migrationBuilder.DropTable(
                name: "Suggestions");

            migrationBuilder.DropTable(
                name: "TrainingAttendance");

            migrationBuilder.DropTable(
                name: "WorkerAssignments");

            migrationBuilder.DropTable(
                name: "WorkerKin");

            migrationBuilder.DropTable(
                name: "WorkerPay");

            migrationBuilder.DropTable(
                name: "WorkLogVisits");

            migrationBuilder.DropTable(
                name: "WorkStationCommunities");

            migrationBuilder.DropTable(
                name: "WorkTaskAssignees");

            migrationBuilder.DropTable(
                name: "WorkTaskCompletions");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "EvaluationInvitations");

            migrationBuilder.DropTable(
                name: "ServiceAgreements");

            migrationBuilder.DropTable(
                name: "ServiceRequests");

            migrationBuilder.DropTable(
                name: "ServiceItemVersions");

            migrationBuilder.DropTable(
                name: "ContactDays");

            migrationBuilder.DropTable(
                name: "ServiceRecords");

            migrationBuilder.DropTable(
                name: "TrainingSessions");

            migrationBuilder.DropTable(
                name: "ServiceSites");

            migrationBuilder.DropTable(
                name: "WorkTasks");

            migrationBuilder.DropTable(
                name: "EvaluationCampaigns");

            migrationBuilder.DropTable(
                name: "RequestCategories");

            migrationBuilder.DropTable(
                name: "ContactLeaders");

            migrationBuilder.DropTable(
                name: "Residents");

            migrationBuilder.DropTable(
                name: "ServiceItems");

            migrationBuilder.DropTable(
                name: "WorkLogEntries");

            migrationBuilder.DropTable(
                name: "TrainingPlans");

            migrationBuilder.DropTable(
                name: "AssessmentPeriods");

            migrationBuilder.DropTable(
                name: "Workers");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Households");

            migrationBuilder.DropTable(
                name: "Regions");

            // The triggers went with their table.
        }
    }
}
