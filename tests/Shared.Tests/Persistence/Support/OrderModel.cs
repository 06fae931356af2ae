using MassTransit;

namespace Platform.Shared.Tests.Persistence.Support;

public sealed record PlaceOrder
{
    public Guid OrderId { get; init; }
}

public sealed record OrderPlaced
{
    public Guid OrderId { get; init; }
}

/// <summary>Writes one effect row and publishes one event per order: both must happen once per message.</summary>
public sealed class PlaceOrderConsumer(DurableTestDbContext db, PlaceOrderConsumer.Hooks hooks) : IConsumer<PlaceOrder>
{
    public async Task Consume(ConsumeContext<PlaceOrder> context)
    {
        db.Effects.Add(new Effect { Key = context.Message.OrderId });
        await context.Publish(new OrderPlaced { OrderId = context.Message.OrderId });
        hooks.AfterConsume?.Invoke();
    }

    /// <summary>Lets a test act at the moment the consumer finished, before the outbox commits and delivers.</summary>
    public sealed class Hooks
    {
        public Action? AfterConsume { get; set; }
    }
}

/// <summary>Counts every delivery of <see cref="OrderPlaced"/>, duplicates included (no inbox on purpose).</summary>
public sealed class OrderPlacedObserver(DurableHost.Received<OrderPlaced> received) : IConsumer<OrderPlaced>
{
    public Task Consume(ConsumeContext<OrderPlaced> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}
