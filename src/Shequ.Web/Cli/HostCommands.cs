using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Web.Infrastructure;
using Shequ.Web.Seeding;
using Spectre.Console;

namespace Shequ.Web.Cli;

/// <summary>The commands that belong to no module: the database's deploy step and its backup.</summary>
public static class HostCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("migrate", null, "migrate                                   apply database migrations (the Production deploy step)", MigrateAsync),
        new("backup", null, """
            backup --out FILE                         a consistent copy while Shequ runs: SQLite by VACUUM INTO (the
                                                      copy's integrity is checked), PostgreSQL by pg_dump (custom format)
            """, BackupAsync),
    ];

    private static async Task<int> BackupAsync(CliContext cli)
    {
        await cli.Stdout.WriteLineAsync(await Backup.RunAsync(cli.Get<ShequDbContext>(), CliContext.Required(cli.Options(1), "out")));
        return 0;
    }

    private static async Task<int> MigrateAsync(CliContext cli)
    {
        var db = cli.Get<ShequDbContext>();
        await DatabaseVersion.EnsureKnownAsync(db);
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("migrate", maxValue: Math.Max(1, pending.Count));
            await db.Database.MigrateAsync();
            task.Value = task.MaxValue;
        });
        if (db.Database.IsSqlite())
        {
            await SqliteDurability.EnsureAsync(db);
        }

        await DemoDistrict.EnsureRolesAsync(cli.Services);
        var keyCreated = EnsureDataProtectionKey(cli.Services);
        await cli.Stdout.WriteLineAsync($"applied {pending.Count} migration(s); database is up to date{(keyCreated ? "; created the first Data Protection key" : string.Empty)}");
        return 0;
    }

    /// <summary>
    /// Item E25: instances started together on an empty key ring would each create a key of their own, and a cookie
    /// or form from one would fail on the other until their rings refresh. The deploy step creates the first key, so
    /// every instance starts with it.
    /// </summary>
    private static bool EnsureDataProtectionKey(IServiceProvider sp)
    {
        var keys = sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(7)))
        {
            return false;
        }

        keys.CreateNewKey(now, now.AddDays(90));
        return true;
    }
}
