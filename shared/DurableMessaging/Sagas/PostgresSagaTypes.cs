using System.Collections.Frozen;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Platform.DurableMessaging.Sagas;

/// <summary>One saga type stored by the PostgreSQL repository in a DbContext.</summary>
internal sealed record PostgresSagaType(string ConsumerType, Type DbContext)
{
    public static PostgresSagaType For<TSaga, TDbContext>()
        where TSaga : class, ISaga
        where TDbContext : DbContext =>
        // The name MassTransit gives the outbox filter of a saga's messages (OutboxConsumeOptions.ConsumerType, set from
        // TypeMetadataCache<TSaga>.ShortName, which is this value).
        new(TypeCache<TSaga>.ShortName, typeof(TDbContext));
}

/// <summary>
/// The sagas the PostgreSQL repository stores, by the consumer type name the consumer outbox is given: their first
/// statement for a message is always the instance's row lock, so the outbox's inbox claim can travel with it.
/// </summary>
internal sealed class PostgresSagaTypes(IEnumerable<PostgresSagaType> sagas)
{
    private readonly FrozenSet<PostgresSagaType> _sagas = sagas.ToFrozenSet();

    public bool Contains<TDbContext>(string? consumerType)
        where TDbContext : DbContext =>
        consumerType is not null && _sagas.Contains(new PostgresSagaType(consumerType, typeof(TDbContext)));
}
