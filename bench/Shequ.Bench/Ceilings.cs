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
