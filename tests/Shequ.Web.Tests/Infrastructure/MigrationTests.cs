using Microsoft.EntityFrameworkCore;
using Shequ.Data;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>Every model change comes with a migration for both providers.</summary>
public class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=never_opened")]
    public void The_model_has_no_changes_without_a_migration(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<ShequDbContext>();
        ShequDatabase.Configure(options, provider, connectionString);
        using var db = new ShequDbContext(options.Options);

        db.Database.GetMigrations().ShouldContain(m => m.EndsWith("_Initial", StringComparison.Ordinal));
        db.Database.HasPendingModelChanges().ShouldBeFalse();
    }
}
