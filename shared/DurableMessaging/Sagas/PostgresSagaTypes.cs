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
