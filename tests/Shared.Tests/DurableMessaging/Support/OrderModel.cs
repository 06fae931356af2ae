using MassTransit;

namespace Platform.Shared.Tests.DurableMessaging.Support;

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

public sealed record PlaceOrderAfterReset
{
    public Guid OrderId { get; init; }
}

/// <summary>
/// Starts with the usual EF recovery, <c>ChangeTracker.Clear()</c>, then writes its effect and publishes: the inbox must
/// still record the message as consumed, so the consumer runs once.
/// </summary>
public sealed class ResettingOrderConsumer(DurableTestDbContext db, ResettingOrderConsumer.Runs runs) : IConsumer<PlaceOrderAfterReset>
{
    public async Task Consume(ConsumeContext<PlaceOrderAfterReset> context)
    {
        runs.Increment();
        db.ChangeTracker.Clear();
        db.Effects.Add(new Effect { Key = context.Message.OrderId });
        await context.Publish(new OrderPlaced { OrderId = context.Message.OrderId });
    }

    public sealed class Runs
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);
    }
}

/// <summary>Writes one effect row per <see cref="OrderPlaced"/>; behind the inbox, a redelivered copy adds nothing.</summary>
public sealed class OrderPlacedRecorder(DurableTestDbContext db) : IConsumer<OrderPlaced>
{
    public Task Consume(ConsumeContext<OrderPlaced> context)
    {
        db.Effects.Add(new Effect { Key = context.Message.OrderId });
        return Task.CompletedTask;
    }
}
