using Microsoft.EntityFrameworkCore;
using Shequ.Data;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// The migrations were folded into one baseline per provider (ADR-010). A database made before that has applied
/// migrations this build no longer has, and migrating it would try to create every table again; it is recognised
/// before migrating and the operator is told in one line what to do.
/// </summary>
public static class DatabaseVersion
{
    public static async Task EnsureKnownAsync(ShequDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Database.CanConnectAsync(ct))
        {
            return; // nothing there yet: migrating creates it
        }

        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var sqlite = db.Database.IsSqlite();
        var target = sqlite ? Path.GetFullPath(db.Database.GetDbConnection().DataSource) : db.Database.GetDbConnection().Database;
        var zh = sqlite
            ? $"请把 {target}（连同 -wal、-shm 文件）移到别处后重新启动，系统会新建数据库并写入演示数据"
            : $"请改用一个新的数据库（或删除 {target}）后重新执行 migrate";
        var en = sqlite
            ? $"move {target} (with its -wal and -shm files) aside and start again: a new database is made and the demo seeded"
            : $"point Shequ at a new database (or drop {target}) and run migrate again";
        throw new OutdatedDatabaseException(
            $"数据库由旧版本创建（含本版本已合并的迁移 {unknown[0]}），无法升级：{zh}。 This database was made by an older Shequ, before its migrations were folded into one baseline: {en}.");
    }
}

/// <summary>The database predates this build's migrations; its message is the one line an operator reads.</summary>
public sealed class OutdatedDatabaseException(string message) : InvalidOperationException(message);
