using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.DurableMessaging;
using Platform.DurableMessaging.Outbox;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

[Trait("Category", TestCategories.Integration)]
public sealed class OutboxTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Same_message_id_delivered_twice_has_its_effects_once()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        await using var host = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "dedupe", x =>
        {
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddConsumer<PlaceOrderConsumer>();
            x.AddConsumer<OrderPlacedObserver>();
        }, s => s.AddSingleton(new PlaceOrderConsumer.Hooks()).AddSingleton(observed));
        var orderId = NewId.NextGuid();

        await PublishTwiceThenSentinel(host, database, observed, orderId);

        Assert.Equal(1, await EffectsOf(database, orderId));
        Assert.Single(observed.Items, o => o.Message.OrderId == orderId);
    }

    [Fact]
    public async Task With_the_outbox_on_chosen_endpoints_only_those_endpoints_have_an_inbox()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        await using var host = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "chosen", x =>
        {
            x.AddPostgresOutbox<DurableTestDbContext>(o => o.OnAllEndpoints = false);
            x.AddConsumer<PlaceOrderConsumer, OutboxedDefinition>();
            x.AddConsumer<OrderPlacedObserver>();
        }, s => s.AddSingleton(new PlaceOrderConsumer.Hooks()).AddSingleton(observed));
        var orderId = NewId.NextGuid();

        await PublishTwiceThenSentinel(host, database, observed, orderId);

        // The chosen endpoint recognised the duplicate; the observer's endpoint, left without, wrote no inbox row.
        Assert.Equal(1, await EffectsOf(database, orderId));
        await using var db = DurableTestDbContext.Open(database);
        Assert.Equal(2, await db.Set<InboxState>().CountAsync());
    }

    /// <summary>Puts the outbox on the consumer's endpoint only, as a service with <c>OnAllEndpoints = false</c> does.</summary>
    private sealed class OutboxedDefinition : ConsumerDefinition<PlaceOrderConsumer>
    {
        protected override void ConfigureConsumer(
            IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PlaceOrderConsumer> consumerConfigurator, IRegistrationContext context) =>
            endpointConfigurator.UsePostgresOutbox<DurableTestDbContext>(context);
    }

    [Fact]
    public async Task A_replica_that_dies_between_commit_and_publish_leaves_the_event_for_the_next_one_which_delivers_it_once()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        // The downstream service is up throughout, so its queue is bound before anything is published.
        await using var downstream = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "downstream",
            x => x.AddConsumer<OrderPlacedObserver>(), s => s.AddSingleton(observed));
        await using var broker = infrastructure.StartBrokerProxy();
        var orderId = NewId.NextGuid();
        var messageId = NewId.NextGuid();
        var crash = new CrashAfterConsumedCommit(database, messageId, broker);

        await using (var dying = await DurableHost.StartAsync(broker.ConnectionString, database, "orders", PlaceOrders,
                         s => s.AddSingleton(new PlaceOrderConsumer.Hooks()).ConfigureDbContext<DurableTestDbContext>(o => o.AddInterceptors(crash))))
        {
            await PublishAsync(dying, new PlaceOrder { OrderId = orderId }, messageId);
            await crash.Happened.Task.WaitAsync(Eventually.DefaultTimeout);
            await dying.StopAsync();
        }

        Assert.Equal(1, await EffectsOf(database, orderId));
        await using (var db = DurableTestDbContext.Open(database))
        {
            Assert.Equal(1, await db.Set<OutboxMessage>().CountAsync()); // committed with the effect, never sent
        }

        Assert.DoesNotContain(observed.Items, o => o.Message.OrderId == orderId);

        await using var next = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "orders", PlaceOrders,
            s => s.AddSingleton(new PlaceOrderConsumer.Hooks()));
        await Eventually.TrueAsync(
            () => Task.FromResult(observed.Items.Any(o => o.Message.OrderId == orderId)),
            "the next replica delivered the committed event",
            TimeSpan.FromSeconds(90));

        // A sentinel through the same path proves nothing else was on its way before counting.
        var sentinel = NewId.NextGuid();
        await PublishAsync(next, new PlaceOrder { OrderId = sentinel }, NewId.NextGuid());
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.OrderId == sentinel)), "the sentinel arrived");
        Assert.Single(observed.Items, o => o.Message.OrderId == orderId);
        Assert.Equal(1, await EffectsOf(database, orderId));

        static void PlaceOrders(IBusRegistrationConfigurator x)
        {
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddConsumer<PlaceOrderConsumer>();
        }
    }

    [Fact]
    public async Task Inbox_rows_are_kept_for_the_duplicate_detection_window_and_purged_after_it()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var window = TimeSpan.FromMinutes(30);
        await using var host = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "purge", x =>
        {
            x.AddPostgresOutbox<DurableTestDbContext>(o =>
            {
                o.DuplicateDetectionWindow = window;
                o.InboxCleanupInterval = TimeSpan.FromMilliseconds(100);
            });
            x.AddConsumer<PlaceOrderConsumer>();
        }, s => s.AddSingleton(new PlaceOrderConsumer.Hooks()).AddSingleton<TimeProvider>(time));
        var orderId = NewId.NextGuid();
        var messageId = NewId.NextGuid();
        var cleanup = host.Services.GetServices<IHostedService>().OfType<InboxCleanupService<DurableTestDbContext>>().Single();
        var settings = host.Services.GetRequiredService<IOptions<PostgresOutboxOptions>>().Value;

        await PublishAsync(host, new PlaceOrder { OrderId = orderId }, messageId);
        await Eventually.TrueAsync(async () => await DeliveredAt(database, messageId) is not null, "the message was consumed and delivered");

        // Just inside the window the row stays, so a late duplicate is still recognised.
        time.Advance(window - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await cleanup.CleanOnce(settings, CancellationToken.None));
        Assert.Equal(1, await InboxRows(database, messageId));

        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(async () => await InboxRows(database, messageId) == 0, "its inbox row was purged");
        Assert.Equal(1, await EffectsOf(database, orderId));
    }

    [Fact]
    public async Task Copies_of_one_message_consumed_at_the_same_time_have_their_effects_once()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        await using var first = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "copies", PlaceOrders,
            s => s.AddSingleton(new PlaceOrderConsumer.Hooks()).AddSingleton(observed));
        await using var second = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "copies", PlaceOrders,
            s => s.AddSingleton(new PlaceOrderConsumer.Hooks()).AddSingleton(observed));
        var orderId = NewId.NextGuid();
        var messageId = NewId.NextGuid();

        // Twenty copies on one queue, two replicas with eight consumers each: inserts of the same inbox row race.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PublishAsync(first, new PlaceOrder { OrderId = orderId }, messageId)));
        // Each copy's claim is one upsert of the same row: twenty claims mean every copy has been through the inbox.
        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) >= 20, "every copy claimed the inbox row");
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.OrderId == orderId)), "the event arrived");

        // A sentinel behind everything proves no second copy of the event was on its way when we count.
        var sentinel = NewId.NextGuid();
        await PublishAsync(first, new PlaceOrder { OrderId = sentinel }, NewId.NextGuid());
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.OrderId == sentinel)), "the sentinel arrived");
        Assert.Equal(1, await EffectsOf(database, orderId));
        Assert.Single(observed.Items, o => o.Message.OrderId == orderId);

        static void PlaceOrders(IBusRegistrationConfigurator x)
        {
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddConsumer<PlaceOrderConsumer>();
            x.AddConsumer<OrderPlacedObserver>();
        }
    }

    [Fact]
    public async Task A_consumer_that_clears_the_change_tracker_runs_once_and_its_event_is_delivered()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        var runs = new ConsumerRuns();
        await using var host = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "resetting", x =>
        {
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddConsumer<ResettingOrderConsumer>();
            x.AddConsumer<OrderPlacedObserver>();
        }, s => s.AddSingleton(runs).AddSingleton(observed));
        var orderId = NewId.NextGuid();
        var messageId = NewId.NextGuid();

        await host.Services.GetRequiredService<IBus>().Publish(new PlaceOrderAfterReset { OrderId = orderId }, c => c.MessageId = messageId);

        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.OrderId == orderId)), "the event was delivered");
        await Eventually.TrueAsync(async () => await DeliveredAt(database, messageId) is not null, "the inbox recorded the delivery");
        Assert.Equal(1, runs.Count);
        Assert.Equal(1, await EffectsOf(database, orderId));
    }

    [Fact]
    public async Task Events_committed_by_a_message_that_was_never_redelivered_are_swept_and_delivered_once()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        await using var downstream = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "downstream",
            x => x.AddConsumer<OrderPlacedObserver>(), s => s.AddSingleton(observed));
        await using var broker = infrastructure.StartBrokerProxy();
        var orderId = NewId.NextGuid();
        var messageId = NewId.NextGuid();
        var crash = new CrashAfterConsumedCommit(database, messageId, broker);

        // The effects and the event commit, then the replica loses the broker and dies. Its message is never consumed
        // again (as after it went to _error): nothing but a sweep of the consumer outbox will ever send the event.
        await using (var dying = await DurableHost.StartAsync(broker.ConnectionString, database, "orphans",
                         x => { x.AddPostgresOutbox<DurableTestDbContext>(); x.AddConsumer<PlaceOrderConsumer>(); },
                         s => s.AddSingleton(new PlaceOrderConsumer.Hooks()).ConfigureDbContext<DurableTestDbContext>(o => o.AddInterceptors(crash))))
        {
            await PublishAsync(dying, new PlaceOrder { OrderId = orderId }, messageId);
            await crash.Happened.Task.WaitAsync(Eventually.DefaultTimeout);
            await dying.StopAsync();
        }

        // Another service on the same database, that never consumes the orphan's queue. Its clock starts an hour back,
        // so the orphan is too recent to sweep until the test moves it: first it only counts the backlog.
        var clock = new ManualTime(DateTimeOffset.UtcNow - TimeSpan.FromHours(1));
        await using var sweeper = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "sweeper",
            x => x.AddPostgresOutbox<DurableTestDbContext>(o => o.UndeliveredSweepAfter = TimeSpan.FromSeconds(1)),
            s => s.AddSingleton<TimeProvider>(clock));
        var sweep = sweeper.Services.GetServices<IHostedService>().OfType<UndeliveredOutboxSweeper<DurableTestDbContext>>().Single();
        Assert.Equal(1, await sweep.CountBacklog(CancellationToken.None));
        Assert.Empty(observed.Items);

        clock.Advance(TimeSpan.FromHours(2));
        await Eventually.TrueAsync(
            () => Task.FromResult(observed.Items.Any(o => o.Message.OrderId == orderId)), "the swept event arrived", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => await DeliveredAt(database, messageId) is not null, "the sweep recorded the delivery");
        await using var db = DurableTestDbContext.Open(database);
        Assert.Equal(0, await db.Set<OutboxMessage>().CountAsync());
        Assert.Single(observed.Items, o => o.Message.OrderId == orderId);
        Assert.Equal(0, await sweep.CountBacklog(CancellationToken.None));
    }

    // In its own async method: MassTransit sets its log context (an AsyncLocal) while publishing, and a value set in
    // an awaited method does not leak back into the test, where it would outlive the host it belongs to.
    /// <summary>
    /// One order published twice with the same message id, the second once the first was handled, then a sentinel
    /// behind the duplicate on the same queue: once the sentinel's event arrived, the duplicate was fully handled.
    /// </summary>
    private static async Task PublishTwiceThenSentinel(DurableHost.RunningHost host, string database, DurableHost.Received<OrderPlaced> observed, Guid orderId)
    {
        var messageId = NewId.NextGuid();
        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(new PlaceOrder { OrderId = orderId }, c => c.MessageId = messageId);
        await Eventually.TrueAsync(async () => await DeliveredAt(database, messageId) is not null, "the first copy was handled and delivered");
        var handled = await ReceiveCount(database, messageId);
        await bus.Publish(new PlaceOrder { OrderId = orderId }, c => c.MessageId = messageId);
        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) > handled, "the second copy reached the inbox");
        var sentinel = NewId.NextGuid();
        await bus.Publish(new PlaceOrder { OrderId = sentinel });
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.OrderId == sentinel)), "the sentinel arrived");
    }

    private static async Task PublishAsync(DurableHost.RunningHost host, PlaceOrder message, Guid id) =>
        await host.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = id);

    private static async Task<int> EffectsOf(string database, Guid key)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Effects.CountAsync(x => x.Key == key);
    }

    private static async Task<DateTime?> DeliveredAt(string database, Guid messageId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<InboxState>().Where(x => x.MessageId == messageId).Select(x => x.Delivered).SingleOrDefaultAsync();
    }

    private static async Task<int> InboxRows(string database, Guid messageId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<InboxState>().CountAsync(x => x.MessageId == messageId);
    }

    private static async Task<int> ReceiveCount(string database, Guid messageId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<InboxState>().Where(x => x.MessageId == messageId).SumAsync(x => x.ReceiveCount);
    }
}
