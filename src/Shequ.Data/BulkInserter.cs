using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Shequ.Data;

/// <summary>
/// Inserts many new rows of one entity type through a single prepared <c>INSERT … RETURNING</c> on the context's
/// connection and transaction, without the change tracker (performance target P3). Columns, value conversions and
/// parameter types come from the EF model, so a row reads back through EF exactly as if EF had written it. Only
/// the entity's own table is written: owned collections and navigations must be empty. Nothing here audits; the
/// caller writes audit lines (see <see cref="ShequDbContext.AuditCreated"/>).
/// </summary>
public sealed class BulkInserter<T> : IDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, string Name)[] _columns;
    private readonly IProperty? _generatedKey;
    private readonly MemberInfo? _keyMember;

    public BulkInserter(ShequDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = entity.FindPrimaryKey()!.Properties;
        _generatedKey = key is [{ ValueGenerated: ValueGenerated.OnAdd } generated] ? generated : null;
        _keyMember = _generatedKey is null ? null : (MemberInfo?)_generatedKey.FieldInfo ?? _generatedKey.PropertyInfo;
        _columns = entity.GetProperties()
            .Where(p => p != _generatedKey)
            .Select((p, i) => (p, (RelationalTypeMapping)p.GetRelationalTypeMapping(), "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();

        var connection = db.Database.GetDbConnection();
        _command = connection.CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        _command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", _columns.Select(c => c.Name))})" +
            (_generatedKey is null ? string.Empty : $" RETURNING {sql.DelimitIdentifier(_generatedKey.GetColumnName(table)!)}");
    }

    /// <summary>Writes one entity and sets its generated key.</summary>
    public async Task InsertAsync(T entity, CancellationToken ct = default)
    {
        _command.Parameters.Clear();
        foreach (var (property, mapping, name) in _columns)
        {
            // The mapping applies the model's converter and the provider's parameter type, as EF's own saves do.
            _command.Parameters.Add(mapping.CreateParameter(_command, name, property.GetGetter().GetClrValueUsingContainingEntity(entity), property.IsNullable));
        }

        if (_generatedKey is null)
        {
            await _command.ExecuteNonQueryAsync(ct);
            return;
        }

        var id = await _command.ExecuteScalarAsync(ct);
        var value = Convert.ChangeType(id, _generatedKey.ClrType, System.Globalization.CultureInfo.InvariantCulture);
        switch (_keyMember)
        {
            case FieldInfo field:
                field.SetValue(entity, value);
                break;
            case PropertyInfo prop:
                prop.SetValue(entity, value);
                break;
        }
    }

    public void Dispose() => _command.Dispose();
}
