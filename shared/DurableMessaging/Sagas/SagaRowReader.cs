using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.DurableMessaging.Sagas;

/// <summary>
/// Builds a saga instance from one row, compiled once from the EF model: each mapped property is read the way EF's own
/// materializer reads it (the type mapping's reader method and customisation, then its value converter), so column
/// types, converters and nullability follow the service's mapping.
/// </summary>
internal sealed class SagaRowReader<TSaga>
    where TSaga : class
{
    private static readonly MethodInfo IsDbNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;

    private readonly Func<DbDataReader, TSaga> _read;

    private SagaRowReader(string columns, Func<DbDataReader, TSaga> read)
    {
        Columns = columns;
        _read = read;
    }

    /// <summary>The quoted select list, in the order the reader expects.</summary>
    public string Columns { get; }

    public TSaga Read(DbDataReader row) => _read(row);

    /// <summary>
    /// Null for shapes this reader does not build (values only EF tracks, owned or complex members, no parameterless
    /// constructor, a mapping without a reader method); the caller then lets EF materialise the row.
    /// </summary>
    public static SagaRowReader<TSaga>? TryCreate(DbContext db, ModelNames names)
    {
        var entity = db.Model.FindEntityType(typeof(TSaga))!;
        if (entity.GetNavigations().Any() || entity.GetComplexProperties().Any() || entity.GetServiceProperties().Any()
            || typeof(TSaga).GetConstructor(Type.EmptyTypes) is null)
        {
            return null;
        }

        var row = Expression.Parameter(typeof(DbDataReader), "row");
        var instance = Expression.Variable(typeof(TSaga), "instance");
        var body = new List<Expression> { Expression.Assign(instance, Expression.New(typeof(TSaga))) };
        var columns = new List<string>();
        foreach (var property in entity.GetProperties())
        {
            if (property.IsShadowProperty() || property.GetRelationalTypeMapping() is not { } mapping
                || property.GetMemberInfo(forMaterialization: true, forSet: true) is not { } member)
            {
                return null;
            }

            body.Add(Expression.Assign(Expression.MakeMemberAccess(instance, member), ReadColumn(row, columns.Count, property, mapping)));
            columns.Add(names.Column(property.Name));
        }

        body.Add(instance);
        var read = Expression.Lambda<Func<DbDataReader, TSaga>>(Expression.Block([instance], body), row).Compile();
        return new SagaRowReader<TSaga>(string.Join(", ", columns), read);
    }

    private static Expression ReadColumn(ParameterExpression row, int ordinal, IProperty property, RelationalTypeMapping mapping)
    {
        var index = Expression.Constant(ordinal);
        Expression value = mapping.CustomizeDataReaderExpression(Expression.Call(row, mapping.GetDataReaderMethod(), index));
        if (mapping.Converter is { } converter)
        {
            value = Expression.Invoke(converter.ConvertFromProviderExpression, ConvertTo(value, converter.ProviderClrType));
        }

        value = ConvertTo(value, property.ClrType);
        if (!property.IsNullable)
        {
            return value;
        }

        var isNull = Expression.Call(row, IsDbNull, index);
        return Expression.Condition(isNull, Expression.Default(property.ClrType), value);
    }

    private static Expression ConvertTo(Expression value, Type type) => value.Type == type ? value : Expression.Convert(value, type);
}
