using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.DurableMessaging;
using Platform.DurableMessaging.Outbox;
using Platform.DurableMessaging.Sagas;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>
/// For a saga inside the consumer outbox, the inbox claim travels with the instance's row lock (one round trip less per
/// event). A copy of a message seen before is only recognised at that point, inside the saga's pipe: it must still be
/// applied once, not be reported as a fault, and leave the inbox row as the claim-first path leaves it.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SagaInboxClaimTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly DurableMessagingMetrics Metrics = UnobservedMetrics.Instance;

    [Fact]
    public async Task A_saga_event_delivered_twice_is_applied_once_and_its_copy_is_not_a_fault()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var faults = new FaultCounter();
        var runs = new SagaRuns();
        await using var replica = await StartReplica(database, "saga-copy", faults, runs);
        var counterId = NewId.NextGuid();
        var messageId = NewId.NextGuid();

        await Publish(replica, counterId, messageId);
        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) == 1, "the first copy was applied");
        await Publish(replica, counterId, messageId);

        // The copy's first attempt (claim with the lock) is rolled back, so the count reaches 2 only when its second
        // attempt, claiming first, committed: by then the copy is wholly handled.
        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) == 2, "the copy was handled");
        Assert.Equal(1, await CountOf(database, counterId));
        Assert.Equal(1, runs.Count); // the copy stopped before the saga: not run and rolled back, not run at all
        Assert.Equal(0, faults.Count);
    }

    [Fact]
    public async Task Copies_of_one_saga_event_consumed_at_the_same_time_are_applied_once()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var faults = new FaultCounter();
        var runs = new SagaRuns();
        await using var first = await StartReplica(database, "saga-copies", faults, runs);
        await using var second = await StartReplica(database, "saga-copies", faults, runs);
        var counterId = NewId.NextGuid();
        await Publish(first, counterId, NewId.NextGuid());
        await Eventually.TrueAsync(async () => await CountOf(database, counterId) == 1, "the instance exists");
        var messageId = NewId.NextGuid();

        // Twenty copies, two replicas with eight consumers each: their claims race for one inbox row while they lock
        // the same instance.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Publish(first, counterId, messageId)));

        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) >= 20, "every copy was handled");
        Assert.Equal(20, await ReceiveCount(database, messageId));
        Assert.Equal(2, await CountOf(database, counterId));
        Assert.Equal(2, runs.Count);
        Assert.Equal(0, faults.Count);
    }

    [Fact]
    public async Task A_copy_of_an_event_correlated_by_a_query_claims_before_the_query_and_never_reaches_the_saga()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var faults = new FaultCounter();
        var runs = new SagaRuns();
        await using var replica = await StartReplica(database, "saga-query-copy", faults, runs);
        var counterId = NewId.NextGuid();
        await Publish(replica, counterId, NewId.NextGuid());
        await Eventually.TrueAsync(async () => await CountOf(database, counterId) == 1, "the instance exists");
        var messageId = NewId.NextGuid();
        var bus = replica.Services.GetRequiredService<IBus>();

        // AtLeast 0 matches the counter before and after the reset: only the claim can stop the copy.
        await bus.Publish(new CountersReset { AtLeast = 0 }, c => c.MessageId = messageId);
        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) == 1, "the reset was applied");
        await bus.Publish(new CountersReset { AtLeast = 0 }, c => c.MessageId = messageId);

        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) == 2, "the copy was handled");
        Assert.Equal(1, runs.Of<CountersReset>());
        Assert.Equal(0, faults.Count);
    }

    [Fact]
    public async Task A_consumer_beside_the_saga_claims_before_it_runs_so_a_copy_never_reaches_its_code()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var consumerRuns = new ConsumerRuns();
        await using var host = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "consumer-copy", x =>
        {
            x.SetPostgresSagaRepositoryProvider<DurableTestDbContext>();
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddSagaStateMachine<CounterStateMachine, CounterState>();
            x.AddConsumer<ResettingOrderConsumer>();
        }, s => s.AddSingleton(consumerRuns));
        var messageId = NewId.NextGuid();
        var bus = host.Services.GetRequiredService<IBus>();

        await bus.Publish(new PlaceOrderAfterReset { OrderId = NewId.NextGuid() }, c => c.MessageId = messageId);
        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) == 1, "the message was consumed");
        await bus.Publish(new PlaceOrderAfterReset { OrderId = NewId.NextGuid() }, c => c.MessageId = messageId);

        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) == 2, "the copy was handled");
        Assert.Equal(1, consumerRuns.Count); // a deferred claim would have let the copy run, then rolled it back
    }

    [Fact]
    public async Task The_claim_locks_the_inbox_row_before_the_saga_row()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var counterId = NewId.NextGuid();
        await using (var db = DurableTestDbContext.Open(database))
        {
            db.Add(new CounterState { CorrelationId = counterId, CurrentState = "Counting", Count = 1 });
            await db.SaveChangesAsync();
        }

        var sagaLocked = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var holder = DurableTestDbContext.Open(database);
        var holding = DurableTransaction.RunAsync(holder, async () =>
        {
            await SagaRowLock<CounterState>.Load(holder, counterId, Metrics, CancellationToken.None);
            sagaLocked.SetResult();
            await release.Task;
        }, CancellationToken.None);
        await sagaLocked.Task;

        // Claim and lock: waits for the saga row, and by then holds the inbox row it inserted.
        var request = NewRequest();
        var claimAndLock = ClaimAndLoad<CounterState, DurableTestDbContext>(DurableTestDbContext.Open(database), request, counterId);
        await LockWaits.UntilSomeoneWaits(database);

        // A copy claiming the same message must wait for that inbox row; with the lock sent first it would not.
        await using var copyDb = DurableTestDbContext.Open(database);
        var copy = DurableTransaction.RunAsync(copyDb,
            () => InboxStatements.For(copyDb).Claim(copyDb, request, CancellationToken.None), CancellationToken.None);
        await Task.WhenAny(copy, LockWaits.UntilWaiting(database, 2));
        Assert.False(copy.IsCompleted);

        release.SetResult();
        await holding;
        Assert.True((await claimAndLock).Claimed);
        Assert.False((await copy).IsNew);
    }

    [Fact]
    public async Task Claiming_with_the_lock_loads_the_instance_for_a_new_message_and_nothing_for_a_copy()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var counterId = NewId.NextGuid();
        await using (var db = DurableTestDbContext.Open(database))
        {
            db.Add(new CounterState { CorrelationId = counterId, CurrentState = "Counting", Count = 4 });
            await db.SaveChangesAsync();
        }

        var request = NewRequest();
        var (claimed, instance) = await ClaimAndLoad<CounterState, DurableTestDbContext>(DurableTestDbContext.Open(database), request, counterId);
        Assert.True(claimed);
        Assert.Equal(4, instance!.Count);

        var (copyClaimed, copyInstance) = await ClaimAndLoad<CounterState, DurableTestDbContext>(DurableTestDbContext.Open(database), request, counterId);
        Assert.False(copyClaimed);
        Assert.Null(copyInstance);

        var (missingClaimed, missing) = await ClaimAndLoad<CounterState, DurableTestDbContext>(DurableTestDbContext.Open(database), NewRequest(), NewId.NextGuid());
        Assert.True(missingClaimed);
        Assert.Null(missing);
    }

    [Fact]
    public async Task A_saga_shape_read_by_entity_framework_claims_first_and_then_locks()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        var id = NewId.NextGuid();
        await using (var db = RowShapesDbContext.Open(database))
        {
            await db.Database.EnsureCreatedAsync();
            db.Add(new ShadowedState { CorrelationId = id, Count = 3 });
            await db.SaveChangesAsync();
        }

        var request = NewRequest();
        var (claimed, instance) = await ClaimAndLoad<ShadowedState, RowShapesDbContext>(RowShapesDbContext.Open(database), request, id);
        Assert.True(claimed);
        Assert.Equal(3, instance!.Count);

        var (copyClaimed, copyInstance) = await ClaimAndLoad<ShadowedState, RowShapesDbContext>(RowShapesDbContext.Open(database), request, id);
        Assert.False(copyClaimed);
        Assert.Null(copyInstance);
    }

    private static InboxClaimRequest NewRequest() => new(NewId.NextGuid(), NewId.NextGuid(), DateTime.UtcNow, null);

    /// <summary>Claims and locks in one transaction and commits it, as the outbox would once the saga ran.</summary>
    private static async Task<(bool Claimed, TSaga? Instance)> ClaimAndLoad<TSaga, TDbContext>(TDbContext db, InboxClaimRequest request, Guid id)
        where TSaga : class, ISaga
        where TDbContext : DbContext
    {
        await using (db)
        {
            var outbox = new ClaimOnly<TDbContext>(db, request);
            var result = await DurableTransaction.RunAsync(db,
                () => SagaRowLock<TSaga>.ClaimAndLoad(db, id, outbox, Metrics, CancellationToken.None), CancellationToken.None);
            Assert.False(outbox.ClaimPending);
            Assert.True(result.Instance is null || db.Entry(result.Instance).State == EntityState.Unchanged);
            return result;
        }
    }

    private async Task<DurableHost.RunningHost> StartReplica(string database, string service, FaultCounter faults, SagaRuns runs)
    {
        var host = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, service, x =>
        {
            x.SetPostgresSagaRepositoryProvider<DurableTestDbContext>();
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddSagaStateMachine<CounterStateMachine, CounterState>();
        });
        faults.Observe(host.Services.GetRequiredService<IBus>());
        host.Services.GetRequiredService<CounterStateMachine>().ConnectEventObserver(runs);
        return host;
    }

    private static async Task Publish(DurableHost.RunningHost host, Guid counterId, Guid messageId) =>
        await host.Services.GetRequiredService<IBus>().Publish(new CounterIncremented { CounterId = counterId }, c => c.MessageId = messageId);

    private static async Task<int> CountOf(string database, Guid counterId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<CounterState>().Where(x => x.CorrelationId == counterId).Select(x => x.Count).SingleOrDefaultAsync();
    }

    private static async Task<int> ReceiveCount(string database, Guid messageId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<InboxState>().Where(x => x.MessageId == messageId).SumAsync(x => x.ReceiveCount);
    }

    /// <summary>The outbox's side of a deferred claim, alone: the real claim statement, nothing else.</summary>
    private sealed class ClaimOnly<TDbContext>(TDbContext db, InboxClaimRequest request) : IOutboxTransactionContext
        where TDbContext : DbContext
    {
        public bool InTransaction => true;

        public bool ClaimPending { get; private set; } = true;

        public async Task<bool> Claim(FollowingStatement? then, CancellationToken cancellationToken)
        {
            ClaimPending = false;
            return (await InboxStatements.For(db).Claim(db, request, then, cancellationToken)).IsNew;
        }
    }

    /// <summary>Counts the saga's runs per event, committed or not: a copy must not reach the saga's code at all.</summary>
    private sealed class SagaRuns : IEventObserver<CounterState>
    {
        private readonly ConcurrentDictionary<Type, int> _runs = new();

        public int Count => _runs.Values.Sum();

        public int Of<T>() => _runs.GetValueOrDefault(typeof(T));

        public Task PreExecute(BehaviorContext<CounterState> context) => Task.CompletedTask;

        public Task PreExecute<T>(BehaviorContext<CounterState, T> context)
            where T : class
        {
            _runs.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task PostExecute(BehaviorContext<CounterState> context) => Task.CompletedTask;

        public Task PostExecute<T>(BehaviorContext<CounterState, T> context)
            where T : class => Task.CompletedTask;

        public Task ExecuteFault(BehaviorContext<CounterState> context, Exception exception) => Task.CompletedTask;

        public Task ExecuteFault<T>(BehaviorContext<CounterState, T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
