using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shequ.Data;

namespace Shequ.Web.Cli;

/// <summary>
/// Item E24: a consistent copy of the database while Shequ keeps running. SQLite is copied with <c>VACUUM INTO</c>
/// (one read transaction, so the copy is a single moment) and the copy is checked with <c>PRAGMA integrity_check</c>;
/// PostgreSQL is dumped with <c>pg_dump --format=custom</c>, which <c>pg_restore</c> reads back (docs/deploy.md).
/// </summary>
public static class Backup
{
    public static async Task<string> RunAsync(ShequDbContext db, string outFile, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var target = Path.GetFullPath(outFile);
        if (File.Exists(target))
        {
            throw new CliException($"{target} exists; a backup never overwrites a file");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        return db.Database.IsSqlite() ? await SqliteAsync(db, target, ct) : await PostgresAsync(db, target, ct);
    }

    private static async Task<string> SqliteAsync(ShequDbContext db, string target, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var vacuum = db.Database.GetDbConnection().CreateCommand();
            vacuum.CommandText = "VACUUM INTO $target";
            var p = vacuum.CreateParameter();
            p.ParameterName = "$target";
            p.Value = target;
            vacuum.Parameters.Add(p);
            await vacuum.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync(ct);
        var check = await SqliteDurability.ScalarAsync(copy, "PRAGMA integrity_check;");
        if (check != "ok")
        {
            throw new CliException($"the copy failed its integrity check: {check}");
        }

        var tables = await SqliteDurability.ScalarAsync(copy, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';");
        return $"backed up {tables} tables to {target} ({new FileInfo(target).Length / 1024} KB); integrity check ok. Restore: stop Shequ, delete the database's -wal and -shm files, and put this file in place of the database.";
    }

    private static async Task<string> PostgresAsync(ShequDbContext db, string target, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var start = new ProcessStartInfo("pg_dump") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--format=custom", "--no-owner", "--file", target, "--host", cs.Host ?? "localhost", "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username ?? "postgres", cs.Database ?? "shequ" })
        {
            start.ArgumentList.Add(a);
        }

        if (!string.IsNullOrEmpty(cs.Password))
        {
            start.Environment["PGPASSWORD"] = cs.Password;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliException("pg_dump did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CliException("pg_dump was not found; install the PostgreSQL client (Debian: postgresql-client) of the server's version");
        }

        using (process)
        {
            var errors = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                throw new CliException("pg_dump failed: " + errors.Trim());
            }
        }

        return $"dumped {cs.Database} to {target} ({new FileInfo(target).Length / 1024} KB). Restore: createdb NEW && pg_restore --no-owner --dbname NEW {target}";
    }
}
