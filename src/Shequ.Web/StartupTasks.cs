using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Web.Infrastructure;
using Shequ.Web.Seeding;

namespace Shequ.Web;

/// <summary>What happens between building the app and serving it.</summary>
public static class StartupTasks
{
    public static async Task RunAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ShequOptions>>().Value;
        var demo = ShequApp.IsDemoEnvironment(app.Environment);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Shequ.Startup");

        // Fail at start, not at the first resident: a Production host without personal-data keys must not run.
        _ = app.Services.GetRequiredService<Shequ.Domain.Common.IPersonalDataSealer>();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShequDbContext>();
        if (options.AutoMigrate ?? demo)
        {
            await DatabaseVersion.EnsureKnownAsync(db);
            await db.Database.MigrateAsync();
        }

        if (db.Database.IsSqlite())
        {
            await SqliteDurability.EnsureAsync(db);
        }

        if ((options.SeedDemo ?? demo) && !await db.Regions.IgnoreQueryFilters().AnyAsync())
        {
            await DemoDistrict.SeedAsync(scope.ServiceProvider, options.DemoPassword, createAccounts: demo);
            logger.LogInformation("Seeded the demo district");
        }

        if (demo)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var urls = string.Join(", ", app.Urls);
                Console.WriteLine();
                Console.WriteLine($"  Shequ 社区 is running at {urls}");
                Console.WriteLine($"  Demo sign-in 演示账号: {DemoDistrict.DistrictAdminUser} / {options.DemoPassword} (区级管理员)");
                Console.WriteLine($"                         {DemoDistrict.StreetAdminUser} / {options.DemoPassword} (街道管理员)");
                if (options.SecureCookies is null)
                {
                    Console.WriteLine("  Cookies follow the request (plain HTTP works here); behind HTTPS set Shequ__SecureCookies=true.");
                }

                Console.WriteLine();
            });
        }
    }
}

/// <summary>Item E20: SQLite runs in WAL mode with synchronous=FULL; start-up sets WAL and refuses to run otherwise.</summary>
public static class SqliteDurability
{
    public static async Task EnsureAsync(ShequDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            var conn = db.Database.GetDbConnection();
            await using (var set = conn.CreateCommand())
            {
                set.CommandText = "PRAGMA journal_mode=WAL;";
                await set.ExecuteScalarAsync();
            }

            var journal = await ScalarAsync(conn, "PRAGMA journal_mode;");
            var synchronous = await ScalarAsync(conn, "PRAGMA synchronous;");
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != "2")
            {
                throw new InvalidOperationException($"SQLite must run with journal_mode=WAL and synchronous=FULL; found {journal} and {synchronous}.");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<string?> ScalarAsync(System.Data.Common.DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
