using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Shequ.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Provider selection by configuration alone: <c>Shequ:Database:Provider</c> and <c>ConnectionStrings:Shequ</c>.</summary>
public static class ShequDatabase
{
    public const string DefaultSqliteConnection = "Data Source=./data/shequ.db";

    public static DatabaseProvider ParseProvider(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Unknown database provider '{name}': use Sqlite or Postgres."),
    };

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Shequ is required for PostgreSQL.");
            }

            options.UseNpgsql(connectionString, b => b.MigrationsAssembly("Shequ.Data.Postgres"));
            return;
        }

        options.UseSqlite(PrepareSqlite(connectionString ?? DefaultSqliteConnection), b => b.MigrationsAssembly("Shequ.Data.Sqlite"));
        options.AddInterceptors(SqlitePragmas.Instance);
    }

    /// <summary>Makes sure the folder of the SQLite file exists, so a fresh clone's first run can create it.</summary>
    public static string PrepareSqlite(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }

        csb.DefaultTimeout = Math.Max(csb.DefaultTimeout, 30);
        return csb.ToString();
    }
}

/// <summary>
/// Per-connection SQLite settings (security item E20): durable commits, a busy timeout instead of
/// immediate SQLITE_BUSY, and foreign keys. journal_mode=WAL is persistent and set once at start-up.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Sql = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public static SqlitePragmas Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }
}
