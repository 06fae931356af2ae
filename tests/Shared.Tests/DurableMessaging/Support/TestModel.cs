using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.DurableMessaging;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>A service's DbContext in miniature: its own tables plus the durable messaging tables.</summary>
public sealed class DurableTestDbContext(DbContextOptions<DurableTestDbContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddDurableMessaging();
        modelBuilder.Entity<CounterState>(saga =>
        {
            saga.HasKey(x => x.CorrelationId);
            saga.Property(x => x.CorrelationId).ValueGeneratedNever();
            saga.Property(x => x.Version).IsRowVersion();
        });
        modelBuilder.Entity<TimeoutState>(saga =>
        {
            saga.HasKey(x => x.CorrelationId);
            saga.Property(x => x.CorrelationId).ValueGeneratedNever();
            saga.Property(x => x.Version).IsRowVersion();
        });
        modelBuilder.Entity<Effect>(effect => effect.HasKey(x => x.Id));
    }

    public static async Task CreateSchemaAsync(string connectionString)
    {
        await using var db = new DurableTestDbContext(new DbContextOptionsBuilder<DurableTestDbContext>().UseNpgsql(connectionString).Options);
        await db.Database.EnsureCreatedAsync();
    }

    public static DurableTestDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<DurableTestDbContext>().UseNpgsql(connectionString).Options);
}

/// <summary>A row a consumer writes: counting them counts effects.</summary>
public sealed class Effect
{
    public Guid Id { get; set; } = NewId.NextGuid();

    public Guid Key { get; set; }
}

public sealed record CounterIncremented
{
    public Guid CounterId { get; init; }
}

public sealed class CounterState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Count { get; set; }

    public uint Version { get; set; }
}

/// <summary>Resets every counter that reached <see cref="AtLeast"/>: correlated by a query, not by id.</summary>
public sealed record CountersReset
{
    public int AtLeast { get; init; }
}

public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public CounterStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Incremented, e => e.CorrelateById(c => c.Message.CounterId));
        Event(() => Reset, e =>
        {
            e.CorrelateBy((saga, context) => saga.Count >= context.Message.AtLeast);
            e.OnMissingInstance(m => m.Discard());
        });
        Initially(When(Incremented).Then(c => c.Saga.Count++).TransitionTo(Counting));
        During(Counting,
            When(Incremented).Then(c => c.Saga.Count++),
            When(Reset).Then(c => c.Saga.Count = 0));
    }

    public State Counting { get; private set; } = null!;

    public Event<CounterIncremented> Incremented { get; private set; } = null!;

    public Event<CountersReset> Reset { get; private set; } = null!;
}

/// <summary>The counter with MassTransit's insert-first policy: every event tries to insert the instance, then loads it.</summary>
public sealed class InsertingCounterStateMachine : MassTransitStateMachine<CounterState>
{
    public InsertingCounterStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Incremented, e =>
        {
            e.CorrelateById(c => c.Message.CounterId);
            e.InsertOnInitial = true;
            e.SetSagaFactory(c => new CounterState { CorrelationId = c.Message.CounterId });
        });
        Initially(When(Incremented).Then(c => c.Saga.Count++).TransitionTo(Counting));
        During(Counting, When(Incremented).Then(c => c.Saga.Count++));
    }

    public State Counting { get; private set; } = null!;

    public Event<CounterIncremented> Incremented { get; private set; } = null!;
}

public sealed record WaitStarted
{
    public Guid WaitId { get; init; }
}

public sealed record WaitStopped
{
    public Guid WaitId { get; init; }
}

public sealed record WaitExpired
{
    public Guid WaitId { get; init; }
}

public sealed class TimeoutState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid? ExpiryToken { get; set; }

    public uint Version { get; set; }
}

/// <summary>The shape of a conversation's inactivity timeout: schedule on start, cancel on stop.</summary>
public sealed class TimeoutStateMachine : MassTransitStateMachine<TimeoutState>
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(3);

    public TimeoutStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Started, e => e.CorrelateById(c => c.Message.WaitId));
        Event(() => Stopped, e => e.CorrelateById(c => c.Message.WaitId));
        Schedule(() => Expiry, x => x.ExpiryToken, s =>
        {
            s.Delay = Delay;
            s.Received = r => r.CorrelateById(c => c.Message.WaitId);
        });
        Initially(When(Started)
            .Schedule(Expiry, c => new WaitExpired { WaitId = c.Saga.CorrelationId })
            .TransitionTo(Waiting));
        During(Waiting,
            When(Expiry!.Received).TransitionTo(Expired),
            When(Stopped).Unschedule(Expiry).TransitionTo(Halted));
    }

    public State Waiting { get; private set; } = null!;

    public State Expired { get; private set; } = null!;

    public State Halted { get; private set; } = null!;

    public Event<WaitStarted> Started { get; private set; } = null!;

    public Event<WaitStopped> Stopped { get; private set; } = null!;

    public Schedule<TimeoutState, WaitExpired> Expiry { get; private set; } = null!;
}
