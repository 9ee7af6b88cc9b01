using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>Every model change comes with a migration for both providers, on top of one baseline each (ADR-010).</summary>
public class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=never_opened")]
    public void Each_provider_starts_from_one_baseline_and_the_model_has_no_changes_without_a_migration(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<ShequDbContext>();
        ShequDatabase.Configure(options, provider, connectionString);
        using var db = new ShequDbContext(options.Options);

        var migrations = db.Database.GetMigrations().ToList();
        migrations[0].ShouldEndWith("_Baseline");
        migrations.Count(m => m.EndsWith("_Baseline", StringComparison.Ordinal)).ShouldBe(1);
        db.Database.HasPendingModelChanges().ShouldBeFalse();
    }
}

/// <summary>
/// A database made before the migrations were folded (its history names migrations this build has not got) is
/// recognised before anything is migrated: the server and the CLI's migrate each say in one line what to do.
/// </summary>
public class OutdatedDatabaseTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private const string FoldedMigration = "20261125222147_Initial";

    [Fact]
    public async Task A_database_from_before_the_baseline_is_refused_in_one_line_by_the_server_and_by_migrate()
    {
        await app.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({0}, '10.0.0')", FoldedMigration));
        var tablesBefore = await TableCountAsync();

        var migrate = await CliProcess.RunAsync(app, null, "migrate");
        migrate.Exit.ShouldBe(1);
        OneLineNamingTheFix(migrate.Err, app.IsPostgres);

        using var server = Process.Start(CliProcess.StartInfo(app, ["--urls", "http://127.0.0.1:0"], new Dictionary<string, string> { ["Shequ__AutoMigrate"] = "true" }))!;
        server.StandardInput.Close();
        var err = server.StandardError.ReadToEndAsync();
        _ = server.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await server.WaitForExitAsync(timeout.Token);
        server.ExitCode.ShouldBe(1);
        OneLineNamingTheFix(await err, app.IsPostgres);

        (await TableCountAsync()).ShouldBe(tablesBefore, "nothing was migrated");
    }

    private static void OneLineNamingTheFix(string stderr, bool postgres)
    {
        var lines = stderr.Trim().Split('\n');
        lines.Length.ShouldBe(1, stderr);
        lines[0].ShouldContain("数据库由旧版本创建");
        lines[0].ShouldContain(FoldedMigration);
        lines[0].ShouldContain(postgres ? "run migrate again" : "move");
        stderr.ShouldNotContain("   at ");
    }

    private Task<int> TableCountAsync() => app.WithDbAsync((db, _) => db.Database.SqlQueryRaw<int>(app.IsPostgres
        ? "SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'"
        : "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table'").SingleAsync());
}
