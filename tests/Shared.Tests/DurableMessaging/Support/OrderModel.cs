using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.DurableMessaging;
using Platform.DurableMessaging.Outbox;

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
public sealed class ResettingOrderConsumer(DurableTestDbContext db, ConsumerRuns runs) : IConsumer<PlaceOrderAfterReset>
{
    public async Task Consume(ConsumeContext<PlaceOrderAfterReset> context)
    {
        runs.Increment();
        db.ChangeTracker.Clear();
        db.Effects.Add(new Effect { Key = context.Message.OrderId });
        await context.Publish(new OrderPlaced { OrderId = context.Message.OrderId });
    }
}

/// <summary>Counts a consumer's runs, committed or not.</summary>
public sealed class ConsumerRuns
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
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

public sealed record RecordOrder
{
    public Guid OrderId { get; init; }

    /// <summary>The effect row's id: a test repeats one to make the consumer's own insert conflict.</summary>
    public Guid? EffectId { get; init; }

    public EffectWrite Write { get; init; }
}

/// <summary>How <see cref="RecordOrderConsumer"/> writes its effect: the ways the services' consumers write theirs.</summary>
public enum EffectWrite
{
    /// <summary>Tracked by EF and saved by the outbox with the inbox row (contact's consumers).</summary>
    Tracked,

    /// <summary>Saved by the consumer itself before it publishes (routing's consumers).</summary>
    SavedByConsumer,

    /// <summary>A statement of its own (egress's upserts).</summary>
    Sql,
}

/// <summary>
/// <see cref="PlaceOrderConsumer"/>'s twin marked <see cref="OnlyTransactionalEffectsAttribute"/>: its inbox claim travels
/// with its last save, so a copy of a message runs it and is recognised only when that save inserts the inbox row.
/// </summary>
[OnlyTransactionalEffects]
public sealed class RecordOrderConsumer(DurableTestDbContext db, RecordOrderConsumer.Runs runs) : IConsumer<RecordOrder>
{
    public async Task Consume(ConsumeContext<RecordOrder> context)
    {
        runs.Add(context.TryGetPayload<IOutboxTransactionContext>(out var outbox) && outbox.ClaimPending);
        var effect = new Effect { Id = context.Message.EffectId ?? NewId.NextGuid(), Key = context.Message.OrderId };
        switch (context.Message.Write)
        {
            case EffectWrite.Sql:
                await db.Database.ExecuteSqlAsync($"INSERT INTO \"Effects\" (\"Id\", \"Key\") VALUES ({effect.Id}, {effect.Key})", context.CancellationToken);
                break;
            case EffectWrite.SavedByConsumer:
                db.Effects.Add(effect);
                await db.SaveChangesAsync(context.CancellationToken);
                break;
            default:
                db.Effects.Add(effect);
                break;
        }

        await context.Publish(new OrderPlaced { OrderId = context.Message.OrderId });
    }

    /// <summary>Every run, committed or not, and whether its inbox claim was still pending (to travel with the save).</summary>
    public sealed class Runs
    {
        private readonly List<bool> _claimPending = [];

        public int Count
        {
            get
            {
                lock (_claimPending)
                {
                    return _claimPending.Count;
                }
            }
        }

        public IReadOnlyList<bool> ClaimPending
        {
            get
            {
                lock (_claimPending)
                {
                    return [.. _claimPending];
                }
            }
        }

        public void Add(bool claimPending)
        {
            lock (_claimPending)
            {
                _claimPending.Add(claimPending);
            }
        }
    }
}
