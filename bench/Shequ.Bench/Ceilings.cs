using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Shequ.Bench;

/// <summary>The physical limits of performance.md, measured in the same run as the scenarios they bound.</summary>
internal static class Ceilings
{
    private static readonly string[] Columns = ["$id", "$a", "$b", "$c", "$d", "$e"];

    /// <summary>One-row transactions per second in a WAL database with the given synchronous setting.</summary>
    public static double SqliteCommitsPerSecond(string folder, string synchronous, int count)
    {
        var file = Path.Combine(folder, $"commits-{synchronous}.db");
        using var conn = new SqliteConnection($"Data Source={file};Pooling=False");
        conn.Open();
        Exec(conn, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER);");
        using var insert = conn.CreateCommand();
        insert.CommandText = "INSERT INTO t (a, b) VALUES ($a, $b)";
        var a = insert.Parameters.Add("$a", SqliteType.Text);
        var b = insert.Parameters.Add("$b", SqliteType.Integer);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var tx = conn.BeginTransaction();
            insert.Transaction = tx;
            a.Value = "row";
            b.Value = i;
            insert.ExecuteNonQuery();
            tx.Commit();
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Rows per second for a prepared six-column insert in one transaction.</summary>
    public static double SqliteBulkRowsPerSecond(string folder, int rows)
    {
        var file = Path.Combine(folder, "bulk.db");
        using var conn = new SqliteConnection($"Data Source={file};Pooling=False");
        conn.Open();
        Exec(conn, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER, c TEXT, d REAL, e INTEGER);");
        var clock = Stopwatch.StartNew();
        using (var tx = conn.BeginTransaction())
        {
            using var insert = conn.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO t (id, a, b, c, d, e) VALUES ($id, $a, $b, $c, $d, $e)";
            var p = Columns.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
            insert.Prepare();
            for (var i = 0; i < rows; i++)
            {
                p[0].Value = i;
                p[1].Value = "居民" + i;
                p[2].Value = i % 97;
                p[3].Value = "320591001001";
                p[4].Value = i * 0.5;
                p[5].Value = i % 2;
                insert.ExecuteNonQuery();
            }

            tx.Commit();
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    private static void Exec(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

/// <summary>The PostgreSQL ceilings of performance.md: binary COPY into a fresh table, and pgbench TPC-B.</summary>
internal static class PostgresCeilings
{
    public static async Task<double> CopyRowsPerSecondAsync(string connectionString, int rows)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using (var create = new Npgsql.NpgsqlCommand("DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (id bigint, a text, b integer, c text, d double precision, e integer)", conn))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using (var import = await conn.BeginBinaryImportAsync("COPY bench_copy (id, a, b, c, d, e) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows; i++)
            {
                await import.StartRowAsync();
                await import.WriteAsync((long)i, NpgsqlTypes.NpgsqlDbType.Bigint);
                await import.WriteAsync("居民" + i, NpgsqlTypes.NpgsqlDbType.Text);
                await import.WriteAsync(i % 97, NpgsqlTypes.NpgsqlDbType.Integer);
                await import.WriteAsync("320591001001", NpgsqlTypes.NpgsqlDbType.Text);
                await import.WriteAsync(i * 0.5, NpgsqlTypes.NpgsqlDbType.Double);
                await import.WriteAsync(i % 2, NpgsqlTypes.NpgsqlDbType.Integer);
            }

            await import.CompleteAsync();
        }

        var rate = rows / clock.Elapsed.TotalSeconds;
        await using (var drop = new Npgsql.NpgsqlCommand("DROP TABLE bench_copy", conn))
        {
            await drop.ExecuteNonQueryAsync();
        }

        return rate;
    }

    /// <summary>pgbench -c 8 -j 2 over a freshly initialised scale-10 set; tps as pgbench reports it.</summary>
    public static async Task<double> PgbenchTpsAsync(string connectionString, int seconds)
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        string[] common = ["--host", cs.Host!, "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username!];
        await RunAsync("pgbench", [.. common, "--initialize", "--scale", "10", "--quiet", cs.Database!], cs.Password);
        var output = await RunAsync("pgbench", [.. common, "--client", "8", "--jobs", "2", "--time", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), cs.Database!], cs.Password);
        var m = System.Text.RegularExpressions.Regex.Match(output, @"tps = ([\d.]+)");
        return m.Success ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
    }

    private static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, string? password)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PGPASSWORD"] = password ?? string.Empty;
        using var process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {await errors}");
        }

        return await output;
    }
}
