using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shequ.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditLogAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Security item C16: the audit log is append-only.
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_NoDelete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoDelete;");
        }
    }
}
