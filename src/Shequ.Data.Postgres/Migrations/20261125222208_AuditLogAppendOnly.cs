using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shequ.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditLogAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Security item C16: the audit log is append-only, whatever role the application connects as.
            migrationBuilder.Sql("""
                CREATE FUNCTION shequ_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit log is append-only';
                END;
                $$;
                CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION shequ_audit_append_only();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "AuditEntries"
                    FOR EACH STATEMENT EXECUTE FUNCTION shequ_audit_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_entries_no_truncate ON "AuditEntries";
                DROP TRIGGER IF EXISTS audit_entries_no_change ON "AuditEntries";
                DROP FUNCTION IF EXISTS shequ_audit_append_only();
                """);
        }
    }
}
