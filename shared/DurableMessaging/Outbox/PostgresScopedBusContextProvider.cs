using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Picks the scoped bus for a DI scope: inside a consumer, the consume context (and so the consumer outbox, if on);
/// anywhere else, the bus outbox that writes rows into <typeparamref name="TDbContext"/>.
/// </summary>
internal sealed class PostgresScopedBusContextProvider<TDbContext> : IScopedBusContextProvider<IBus>, IDisposable
    where TDbContext : DbContext
{
    public PostgresScopedBusContextProvider(
        IBus bus,
        TDbContext db,
        BusOutboxWakeUp wakeUp,
        Bind<IBus, IClientFactory> clientFactory,
        Bind<IBus, IScopedConsumeContextProvider> consumeContextProvider,
        IServiceProvider provider,
        TimeProvider time)
    {
        Context = consumeContextProvider.Value.HasContext
            ? new ConsumeContextScopedBusContext(consumeContextProvider.Value.GetContext(), clientFactory.Value)
            : new PostgresScopedBusContext<TDbContext>(bus, db, wakeUp, clientFactory.Value, provider, time);
    }

    public ScopedBusContext Context { get; }

    public void Dispose() => (Context as IDisposable)?.Dispose();
}
