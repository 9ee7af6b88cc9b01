using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>Item E24: the backup command and a restore drill that compares every table's rows.</summary>
public class BackupTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task A_backup_restores_to_the_same_rows_in_every_table()
    {
        _ = await app.NewClient().GetAsync("/healthz"); // the host has migrated and seeded the demo district
        var folder = Directory.CreateTempSubdirectory("shequ-backup-").FullName;
        var file = Path.Combine(folder, app.IsPostgres ? "shequ.dump" : "shequ.db");

        var backup = await CliProcess.RunAsync(app, null, "backup", "--out", file);

        backup.Exit.ShouldBe(0, backup.Err);
        File.Exists(file).ShouldBeTrue();
        var again = await CliProcess.RunAsync(app, null, "backup", "--out", file);
        again.Exit.ShouldBe(1);
        again.Err.ShouldContain("never overwrites");

        var live = app.IsPostgres ? await PostgresFingerprintAsync(app.ConnectionString) : await SqliteFingerprintAsync(app.ConnectionString);
        var restored = app.IsPostgres ? await RestorePostgresAsync(file) : await SqliteFingerprintAsync($"Data Source={file}");
        live.Keys.ShouldContain("Residents");
        live["Residents"].Rows.ShouldBeGreaterThan(0);
        restored.ShouldBe(live);
    }

    /// <summary>Row count and a SHA-256 over every row of every table.</summary>
    private static async Task<SortedDictionary<string, (long Rows, string Hash)>> SqliteFingerprintAsync(string connectionString)
    {
        var result = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = conn.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var r = await list.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                tables.Add(r.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var rows = conn.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var r = await rows.ExecuteReaderAsync();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long count = 0;
            while (await r.ReadAsync())
            {
                count++;
                for (var i = 0; i < r.FieldCount; i++)
                {
                    hash.AppendData(Encoding.UTF8.GetBytes(Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) + "\u001f"));
                }
            }

            result[table] = (count, Convert.ToHexString(hash.GetHashAndReset()));
        }

        return result;
    }

    private static async Task<SortedDictionary<string, (long Rows, string Hash)>> PostgresFingerprintAsync(string connectionString)
    {
        var result = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", conn))
        await using (var r = await list.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                tables.Add(r.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT COUNT(*), COALESCE(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            result[table] = (r.GetInt64(0), r.GetString(1));
        }

        return result;
    }

    /// <summary>The drill: a new database, pg_restore of the dump, and the fingerprint of what came back.</summary>
    private async Task<SortedDictionary<string, (long Rows, string Hash)>> RestorePostgresAsync(string dump)
    {
        var source = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        var name = "restore_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "postgres" }.ToString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("pg_restore") { RedirectStandardError = true };
            foreach (var a in new[] { "--no-owner", "--host", source.Host!, "--port", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", source.Username!, "--dbname", name, dump })
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["PGPASSWORD"] = source.Password ?? string.Empty;
            using var restore = System.Diagnostics.Process.Start(start)!;
            var errors = await restore.StandardError.ReadToEndAsync();
            await restore.WaitForExitAsync();
            restore.ExitCode.ShouldBe(0, errors);
            return await PostgresFingerprintAsync(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = name }.ToString());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "postgres" }.ToString());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
