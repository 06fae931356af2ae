using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// The scoped bus seen by code outside consumers (HTTP handlers) when the bus outbox is on: publishes and sends become
/// <see cref="OutboxMessage"/> rows of one <see cref="OutboxState"/>, saved by the caller's own <c>SaveChangesAsync</c>
/// together with its entities. Nothing reaches the broker unless that save commits.
/// </summary>
internal sealed class PostgresScopedBusContext<TDbContext>(
    IBus bus,
    TDbContext db,
    BusOutboxWakeUp wakeUp,
    IClientFactory clientFactory,
    IServiceProvider provider,
    TimeProvider time)
    : ScopedBusContext, OutboxSendContext, IDisposable
    where TDbContext : DbContext
{
    private readonly Lock _addLock = new();
    private OutboxState? _outbox;
    private ISendEndpointProvider? _sendEndpointProvider;
    private IPublishEndpoint? _publishEndpoint;
    private IScopedClientFactory? _clientFactory;

    public ISendEndpointProvider SendEndpointProvider => _sendEndpointProvider ??= new OutboxSendEndpointProvider(this, bus);

    public IPublishEndpoint PublishEndpoint => _publishEndpoint ??= new PublishEndpoint(new OutboxPublishEndpointProvider(this, bus));

    public IScopedClientFactory ClientFactory =>
        _clientFactory ??= new ScopedClientFactory(new ClientFactory(new ScopedClientFactoryContext(clientFactory, provider)), null);

    public Task AddSend<T>(SendContext<T> context)
        where T : class
    {
        var row = OutboxMessageFactory.Create(context, SystemTextJsonMessageSerializer.Instance, time);
        lock (_addLock)
        {
            // After a SaveChanges the outbox is committed (or about to be): later messages start a new one, so the
            // delivery service never sees a half-written outbox.
            if (_outbox is null || IsSaved())
            {
                if (_outbox is not null && db.Entry(_outbox).State == EntityState.Unchanged)
                {
                    wakeUp.Notify();
                }

                _outbox = new OutboxState { OutboxId = NewId.NextGuid(), Created = time.GetUtcNow().UtcDateTime };
                db.Add(_outbox);
            }

            row.OutboxId = _outbox.OutboxId;
            db.Add(row);
        }

        return Task.CompletedTask;
    }

    public object? GetService(Type serviceType) => provider.GetService(serviceType);

    /// <summary>Wakes the delivery service when this scope saved messages, so they leave without waiting a poll.</summary>
    public void Dispose()
    {
        if (_outbox is not null && db.Entry(_outbox).State == EntityState.Unchanged)
        {
            wakeUp.Notify();
        }
    }

    // Anything but Added means the current outbox row can no longer take messages: Unchanged (saved), or Detached
    // (the handler cleared the change tracker after a failed save, so the row will never be written).
    private bool IsSaved() => db.Entry(_outbox!).State != EntityState.Added;
}
