using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Shequ.Data;

/// <summary>
/// Inserts many new rows of one entity type through prepared <c>INSERT</c> statements on the context's connection
/// and transaction, without the change tracker (performance target P3). Columns, value conversions and parameter
/// types come from the EF model, so a row reads back through EF exactly as if EF had written it. Only the entity's
/// own table is written: owned collections must be empty, and a reference to another entity supplies its key.
/// Nothing here audits; the caller writes audit lines (see <see cref="ShequDbContext.CreatedAuditLine"/>).
/// Create it after the transaction has begun, and dispose it after the last <see cref="FlushAsync"/>.
/// </summary>
public sealed class BulkInserter<T> : IDisposable where T : class
{
    /// <summary>
    /// Rows per statement for <see cref="AddAsync"/>. Small on purpose: SQLite finds each parameter by name with a
    /// linear search, so binding a statement costs the square of its parameters (100 rows of 7 spent more than the rows).
    /// </summary>
    public const int RowsPerStatement = 10;

    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, IForeignKey? Reference)[] _columns;
    private readonly string _insertInto;
    private readonly string _returning;
    private readonly IProperty? _generatedKey;
    private readonly MemberInfo? _keyMember;
    private readonly bool _synchronous;
    private readonly Dictionary<(int Rows, bool Returning), DbCommand> _commands = [];
    private readonly List<T> _pending = new(RowsPerStatement);

    public BulkInserter(ShequDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _generatedKey = entity.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } generated] ? generated : null;
        _keyMember = _generatedKey is null ? null : (MemberInfo?)_generatedKey.FieldInfo ?? _generatedKey.PropertyInfo;
        _columns = [.. entity.GetProperties().Where(p => p != _generatedKey).Select(p => (p, (RelationalTypeMapping)p.GetRelationalTypeMapping(),
            p.GetContainingForeignKeys().FirstOrDefault(fk => fk is { DependentToPrincipal: not null, Properties.Count: 1 })))];
        _insertInto = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) VALUES ";
        _returning = _generatedKey is null ? string.Empty : $" RETURNING {sql.DelimitIdentifier(_generatedKey.GetColumnName(table)!)}";
        _connection = db.Database.GetDbConnection();
        _transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        // Microsoft.Data.Sqlite works synchronously underneath its async methods, which only add to every row's cost.
        _synchronous = _connection is SqliteConnection;
    }

    /// <summary>Writes one entity now and sets its generated key, for rows that others will point to.</summary>
    public async Task InsertAsync(T entity, CancellationToken ct = default)
    {
        var command = Command(1, returning: _generatedKey is not null);
        Bind(command, 0, entity);
        if (_generatedKey is null)
        {
            await ExecuteAsync(command, ct);
            return;
        }

        var id = _synchronous ? command.ExecuteScalar() : await command.ExecuteScalarAsync(ct);
        var value = Convert.ChangeType(id, _generatedKey.ClrType, CultureInfo.InvariantCulture);
        switch (_keyMember)
        {
            case FieldInfo field:
                field.SetValue(entity, value);
                break;
            case PropertyInfo property:
                property.SetValue(entity, value);
                break;
        }
    }

    /// <summary>Queues an entity whose key nobody needs back; written many to a statement.</summary>
    public async Task AddAsync(T entity, CancellationToken ct = default)
    {
        _pending.Add(entity);
        if (_pending.Count == RowsPerStatement)
        {
            await FlushAsync(ct);
        }
    }

    /// <summary>Writes whatever <see cref="AddAsync"/> has queued.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var command = Command(_pending.Count, returning: false);
        for (var row = 0; row < _pending.Count; row++)
        {
            Bind(command, row, _pending[row]);
        }

        await ExecuteAsync(command, ct);
        _pending.Clear();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }

    private DbCommand Command(int rows, bool returning)
    {
        if (_commands.TryGetValue((rows, returning), out var command))
        {
            return command;
        }

        command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var values = Enumerable.Range(0, rows).Select(row => "(" + string.Join(", ", _columns.Select((_, i) => Name(row, i))) + ")");
        command.CommandText = _insertInto + string.Join(", ", values) + (returning ? _returning : string.Empty);

        // Parameters are made once by the model's mappings (provider type, size); afterwards only their values change.
        for (var row = 0; row < rows; row++)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                command.Parameters.Add(_columns[i].Mapping.CreateParameter(command, Name(row, i), null, _columns[i].Property.IsNullable));
            }
        }

        _commands[(rows, returning)] = command;
        return command;
    }

    private void Bind(DbCommand command, int row, T entity)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var (property, mapping, reference) = _columns[i];
            var value = property.GetGetter().GetClrValueUsingContainingEntity(entity);

            // As EF's fix-up does: a key that points at an entity written in this run is taken from that entity.
            if (reference?.DependentToPrincipal!.GetGetter().GetClrValueUsingContainingEntity(entity) is { } principal)
            {
                value = reference.PrincipalKey.Properties[0].GetGetter().GetClrValueUsingContainingEntity(principal);
            }

            command.Parameters[(row * _columns.Length) + i].Value =
                (value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
        }
    }

    private async Task ExecuteAsync(DbCommand command, CancellationToken ct)
    {
        if (_synchronous)
        {
            command.ExecuteNonQuery();
        }
        else
        {
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static string Name(int row, int column) => string.Create(CultureInfo.InvariantCulture, $"@p{row}_{column}");
}
