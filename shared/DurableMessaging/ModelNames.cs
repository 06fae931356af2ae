using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Platform.DurableMessaging;

/// <summary>
/// Table and column names read from the EF model, quoted for raw SQL, so hand-written lock statements follow whatever
/// naming (snake_case, schema) the service's mapping chose.
/// </summary>
internal sealed class ModelNames
{
    private readonly IEntityType _entity;
    private readonly StoreObjectIdentifier _table;

    private ModelNames(IEntityType entity, StoreObjectIdentifier table)
    {
        _entity = entity;
        _table = table;
    }

    public static ModelNames For<TEntity>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped by {db.GetType().Name}; map it in OnModelCreating.");
        var tableName = entity.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped to a table.");
        return new ModelNames(entity, StoreObjectIdentifier.Table(tableName, entity.GetSchema()));
    }

    /// <summary><c>"schema"."table"</c> or <c>"table"</c>.</summary>
    public string Table => _table.Schema is null ? Quote(_table.Name) : $"{Quote(_table.Schema)}.{Quote(_table.Name)}";

    /// <summary>The quoted column of a mapped property.</summary>
    public string Column(string propertyName)
    {
        var property = _entity.FindProperty(propertyName)
            ?? throw new InvalidOperationException($"{_entity.DisplayName()} has no property {propertyName}.");
        return Quote(property.GetColumnName(_table)
            ?? throw new InvalidOperationException($"{_entity.DisplayName()}.{propertyName} has no column."));
    }

    /// <summary>True when a property is mapped to PostgreSQL's <c>xmin</c> system column, which <c>SELECT *</c> omits.</summary>
    public bool MapsXmin => _entity.GetProperties().Any(p => p.GetColumnName(_table) == "xmin");

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
