using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.DurableMessaging;

namespace Platform.Benchmarks.DurableMessaging;

internal sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddDurableMessaging();
        modelBuilder.Entity<TallyState>(saga =>
        {
            saga.HasKey(x => x.CorrelationId);
            saga.Property(x => x.CorrelationId).ValueGeneratedNever();
            saga.Property(x => x.Version).IsRowVersion();
        });
        modelBuilder.Entity<BenchEffect>(e => e.HasKey(x => x.Id));
    }
}

internal sealed class BenchEffect
{
    public Guid Id { get; set; } = NewId.NextGuid();
}

public sealed record Tallied
{
    public Guid TallyId { get; init; }
}

public sealed class TallyState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Count { get; set; }

    public uint Version { get; set; }
}

public sealed class TallyStateMachine : MassTransitStateMachine<TallyState>
{
    public TallyStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Counted, e => e.CorrelateById(c => c.Message.TallyId));
        Initially(When(Counted).Then(c => c.Saga.Count++).TransitionTo(Open));
        During(Open, When(Counted).Then(c => c.Saga.Count++));
    }

    public State Open { get; private set; } = null!;

    public Event<Tallied> Counted { get; private set; } = null!;
}

public sealed record WorkRequested
{
    public int Index { get; init; }
}

public sealed record WorkDone
{
    public int Index { get; init; }
}

/// <summary>
/// Writes a row and publishes an event: through the outbox when the endpoint has it, directly otherwise. Like the
/// services' database-only consumers, it declares that it calls nothing outside, so its inbox claim travels with its save.
/// </summary>
[OnlyTransactionalEffects]
internal sealed class WorkConsumer(BenchDbContext db, Progress progress) : IConsumer<WorkRequested>
{
    public async Task Consume(ConsumeContext<WorkRequested> context)
    {
        db.Add(new BenchEffect());
        if (!progress.Outboxed)
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }

        await context.Publish(new WorkDone { Index = context.Message.Index });
    }
}

internal sealed class WorkDoneConsumer(Progress progress) : IConsumer<WorkDone>
{
    public Task Consume(ConsumeContext<WorkDone> context)
    {
        progress.Arrived(DateTime.UtcNow);
        return Task.CompletedTask;
    }
}

public sealed record Tick
{
    public DateTime DueAt { get; init; }
}

internal sealed class TickConsumer(Progress progress) : IConsumer<Tick>
{
    public Task Consume(ConsumeContext<Tick> context)
    {
        progress.Lag((DateTime.UtcNow - context.Message.DueAt).TotalMilliseconds);
        progress.Arrived(DateTime.UtcNow);
        return Task.CompletedTask;
    }
}

/// <summary>Counts arrivals and completes when the expected number arrived; <see cref="Restart"/> begins the next round.</summary>
internal sealed class Progress(int expected, bool outboxed = false)
{
    private readonly List<double> _lags = [];
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    /// <summary>The next round on the same host: counting starts again from zero.</summary>
    public void Restart()
    {
        Volatile.Write(ref _count, 0);
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lags)
        {
            _lags.Clear();
        }
    }

    public bool Outboxed => outboxed;

    public Task Done => _done.Task;

    public IReadOnlyList<double> Lags
    {
        get
        {
            lock (_lags)
            {
                return [.. _lags];
            }
        }
    }

    public void Arrived(DateTime at)
    {
        if (Interlocked.Increment(ref _count) >= expected)
        {
            _done.TrySetResult();
        }
    }

    public void Lag(double milliseconds)
    {
        lock (_lags)
        {
            _lags.Add(milliseconds);
        }
    }
}
