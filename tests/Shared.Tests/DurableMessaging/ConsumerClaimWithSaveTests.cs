using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.DurableMessaging;
using Platform.DurableMessaging.Outbox;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>
/// A consumer marked <see cref="OnlyTransactionalEffectsAttribute"/> sends its inbox claim with its last save (one round
/// trip less per message). A copy of a message seen before then runs the consumer and is recognised only when that save
/// inserts the inbox row: its work must be rolled back, nothing published twice, and the message handled as a copy.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ConsumerClaimWithSaveTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Theory]
    [InlineData(EffectWrite.Tracked)]
    [InlineData(EffectWrite.SavedByConsumer)]
    [InlineData(EffectWrite.Sql)]
    public async Task A_copy_runs_the_consumer_again_but_its_work_is_rolled_back_and_nothing_is_published_twice(EffectWrite write)
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var world = new World();
        await using var host = await StartReplica(database, "claim-with-save-copy", world, NoTimelyRetry);
        var orderId = NewId.NextGuid();
        var messageId = NewId.NextGuid();

        await Publish(host, new RecordOrder { OrderId = orderId, Write = write }, messageId);
        // Delivered is recorded on the row the save inserted, by its id: the copy must find the message wholly handled.
        await Eventually.TrueAsync(async () => await DeliveredAt(database, messageId) is not null, "the first copy was consumed and delivered");
        await Publish(host, new RecordOrder { OrderId = orderId, Write = write }, messageId);

        // The copy's first attempt is rolled back, so the count reaches 2 only when its second attempt, claiming first,
        // committed: by then the copy is wholly handled.
        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) == 2, "the copy was handled");
        Assert.Equal([true, true], world.Runs.ClaimPending); // the copy ran too: its claim waited for the save
        await SentinelArrived(host, world);
        Assert.Equal(1, await EffectsOf(database, orderId));
        Assert.Single(world.Observed.Items, o => o.Message.OrderId == orderId);
        Assert.Equal(0, world.Faults.Count);
        await using var db = DurableTestDbContext.Open(database);
        Assert.False(await db.Set<OutboxMessage>().AnyAsync(x => x.InboxMessageId == messageId));
    }

    [Fact]
    public async Task Copies_consumed_at_the_same_time_by_two_replicas_have_their_effect_and_event_once()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var world = new World();
        await using var first = await StartReplica(database, "claim-with-save-copies", world, NoTimelyRetry);
        await using var second = await StartReplica(database, "claim-with-save-copies", world, NoTimelyRetry);
        var orderId = NewId.NextGuid();
        var messageId = NewId.NextGuid();

        // Twenty copies, two replicas with eight consumers each: copies running at the same time insert the same effect
        // row, so most of them conflict on the consumer's own key before their inbox insert is reached.
        var copy = new RecordOrder { OrderId = orderId, EffectId = orderId };
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Publish(first, copy, messageId)));

        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) >= 20, "every copy was handled");
        await SentinelArrived(first, world);
        Assert.Equal(20, await ReceiveCount(database, messageId));
        Assert.Equal(1, await EffectsOf(database, orderId));
        Assert.Single(world.Observed.Items, o => o.Message.OrderId == orderId);
        Assert.Equal(0, world.Faults.Count);
    }

    [Fact]
    public async Task A_conflict_on_the_consumers_own_key_is_its_failure_not_a_copy()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var taken = NewId.NextGuid();
        await using (var db = DurableTestDbContext.Open(database))
        {
            db.Effects.Add(new Effect { Id = taken, Key = NewId.NextGuid() });
            await db.SaveChangesAsync();
        }

        var world = new World();
        // One immediate retry, no scheduler: the message gets two attempts, then goes to _error.
        await using var host = await StartReplica(database, "claim-with-save-conflict", world,
            new Dictionary<string, string?> { ["Messaging:RetryIntervalsMs:0"] = "10" });
        var messageId = NewId.NextGuid();

        await Publish(host, new RecordOrder { OrderId = NewId.NextGuid(), EffectId = taken }, messageId);

        await Eventually.TrueAsync(
            async () => await infrastructure.RabbitMq.GetQueueMessageCountAsync("claim-with-save-conflict-record-order_error") == 1,
            "the message failed and went to _error");
        // The first attempt's conflict could have been a racing copy's: done again at once, claiming first, it fails
        // again as the consumer's own. The retry claims first from the start.
        Assert.Equal([true, false, false], world.Runs.ClaimPending);
        Assert.Equal(0, await InboxRows(database, messageId));
    }

    [Fact]
    public async Task A_message_the_broker_redelivers_claims_first_and_the_next_replica_delivers_what_was_committed_without_running_the_consumer()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var world = new World();
        await using var broker = infrastructure.StartBrokerProxy();
        var orderId = NewId.NextGuid();
        var messageId = NewId.NextGuid();
        var crash = new CrashAfterConsumedCommit(database, messageId, broker);

        // The broker is cut right after the consuming commit: the event was never sent, the message goes back to its queue.
        await using (var dying = await StartReplica(database, "claim-with-save-crash", world, rabbitMq: broker.ConnectionString,
                         services: s => s.ConfigureDbContext<DurableTestDbContext>(o => o.AddInterceptors(crash))))
        {
            await Publish(dying, new RecordOrder { OrderId = orderId }, messageId);
            await crash.Happened.Task.WaitAsync(Eventually.DefaultTimeout);
            await dying.StopAsync();
        }

        await using var next = await StartReplica(database, "claim-with-save-crash", world);
        await Eventually.TrueAsync(
            () => Task.FromResult(world.Observed.Items.Any(o => o.Message.OrderId == orderId)),
            "the next replica delivered the committed event",
            TimeSpan.FromSeconds(90));

        await SentinelArrived(next, world);
        Assert.Single(world.Observed.Items, o => o.Message.OrderId == orderId);
        Assert.Equal(1, await EffectsOf(database, orderId));
        // The original's run and the sentinel's, both with the claim pending; nothing for the dying replica's retries
        // or the redelivered message.
        Assert.Equal([true, true], world.Runs.ClaimPending);
    }

    /// <summary>
    /// The only retry waits ten minutes: a copy must be recognised and handled without one (MassTransit's retry holds
    /// back the fault of an attempt it retries, so only the wait shows that a copy went through it).
    /// </summary>
    private static readonly Dictionary<string, string?> NoTimelyRetry = new() { ["Messaging:RetryIntervalsMs:0"] = "600000" };

    /// <summary>What the consumers of every replica of a test report to it.</summary>
    private sealed class World
    {
        public RecordOrderConsumer.Runs Runs { get; } = new();

        public DurableHost.Received<OrderPlaced> Observed { get; } = new();

        public FaultCounter Faults { get; } = new();
    }

    private async Task<DurableHost.RunningHost> StartReplica(
        string database,
        string service,
        World world,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? rabbitMq = null,
        Action<IServiceCollection>? services = null)
    {
        var host = await DurableHost.StartAsync(rabbitMq ?? infrastructure.RabbitMqConnectionString, database, service, x =>
        {
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddConsumer<RecordOrderConsumer>();
            x.AddConsumer<OrderPlacedObserver>();
        }, s =>
        {
            s.AddSingleton(world.Runs).AddSingleton(world.Observed);
            services?.Invoke(s);
        }, settings: settings);
        world.Faults.Observe(host.Services.GetRequiredService<IBus>());
        return host;
    }

    private static async Task Publish(DurableHost.RunningHost host, RecordOrder message, Guid messageId) =>
        await host.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId);

    /// <summary>A sentinel through the same path proves that nothing else was on its way before counting.</summary>
    private static async Task SentinelArrived(DurableHost.RunningHost host, World world)
    {
        var sentinel = NewId.NextGuid();
        await Publish(host, new RecordOrder { OrderId = sentinel }, NewId.NextGuid());
        await Eventually.TrueAsync(() => Task.FromResult(world.Observed.Items.Any(o => o.Message.OrderId == sentinel)), "the sentinel arrived");
    }

    private static async Task<int> EffectsOf(string database, Guid key)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Effects.CountAsync(x => x.Key == key);
    }

    private static async Task<int> InboxRows(string database, Guid messageId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<InboxState>().CountAsync(x => x.MessageId == messageId);
    }

    private static async Task<DateTime?> DeliveredAt(string database, Guid messageId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<InboxState>().Where(x => x.MessageId == messageId).Select(x => x.Delivered).SingleOrDefaultAsync();
    }

    private static async Task<int> ReceiveCount(string database, Guid messageId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<InboxState>().Where(x => x.MessageId == messageId).SumAsync(x => x.ReceiveCount);
    }
}
