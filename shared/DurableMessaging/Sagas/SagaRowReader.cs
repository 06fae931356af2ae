using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using MassTransit;
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
    /// Null for shapes this reader does not build, which the caller then lets EF materialise: anything a tracking query
    /// does beyond setting mapped properties on a new instance (shadow, owned, complex or service properties,
    /// navigations, inheritance, query filters, a key other than the correlation id, members it cannot assign, no
    /// parameterless constructor).
    /// </summary>
    public static SagaRowReader<TSaga>? TryCreate(DbContext db, ModelNames names)
    {
        var entity = db.Model.FindEntityType(typeof(TSaga))!;
        if (entity.GetNavigations().Any() || entity.GetSkipNavigations().Any() || entity.GetComplexProperties().Any()
            || entity.GetServiceProperties().Any() || entity.BaseType is not null || entity.GetDerivedTypes().Any()
            || entity.GetDeclaredQueryFilters().Count > 0
            || entity.FindPrimaryKey()?.Properties is not [{ Name: nameof(ISaga.CorrelationId) }]
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
            if (property.IsShadowProperty() || property.FindRelationalTypeMapping() is not { } mapping
                || property.GetMemberInfo(forMaterialization: true, forSet: true) is not { } member || !Assignable(member))
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

    /// <summary>
    /// An init-only property's backing field (what EF materialises through) or a read-only field cannot be assigned by
    /// an expression; EF's own materialiser gets around that, so such a saga falls back to it.
    /// </summary>
    private static bool Assignable(MemberInfo member) => member switch
    {
        FieldInfo field => !field.IsInitOnly && !field.IsLiteral,
        PropertyInfo property => property.SetMethod is not null,
        _ => false,
    };

    private static Expression ConvertTo(Expression value, Type type) => value.Type == type ? value : Expression.Convert(value, type);
}
