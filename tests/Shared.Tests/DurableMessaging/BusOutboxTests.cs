using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.DurableMessaging;
using Platform.DurableMessaging.Outbox;
using Platform.Messaging;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

[Trait("Category", TestCategories.Integration)]
public sealed class BusOutboxTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Event_saved_while_the_broker_was_gone_is_delivered_once_by_the_next_host()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        await using var watcher = await StartWatcher(database, observed);
        var proxy = infrastructure.StartBrokerProxy();
        var crashing = await StartApi(proxy.ConnectionString, database);
        var orderId = NewId.NextGuid();

        // The broker goes away, the request commits its row and event, then the process dies before delivering.
        proxy.Cut();
        await HandleRequest(crashing, orderId);
        await using (var db = DurableTestDbContext.Open(database))
        {
            Assert.Equal(1, await db.Set<OutboxMessage>().CountAsync());
        }

        await crashing.DisposeAsync();
        Assert.Empty(observed.Items);

        await using var recovering = await StartApi(infrastructure.RabbitMqConnectionString, database);
        await Eventually.TrueAsync(async () => await PendingOutboxRows(database) == 0, "the outbox was delivered");
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Count >= 1), "the event arrived");
        await Sentinel(recovering, observed);
        Assert.Single(observed.Items, o => o.Message.OrderId == orderId);
    }

    [Fact]
    public async Task Request_that_fails_before_saving_publishes_nothing_and_one_that_saves_publishes_once()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        await using var watcher = await StartWatcher(database, observed);
        await using var api = await StartApi(infrastructure.RabbitMqConnectionString, database);
        var failed = NewId.NextGuid();
        var saved = NewId.NextGuid();

        await using (var scope = api.Services.CreateAsyncScope())
        {
            // A handler that publishes, then fails validation: no SaveChanges, so no event.
            await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(new OrderPlaced { OrderId = failed });
        }

        await HandleRequest(api, saved);

        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.OrderId == saved)), "the saved event arrived");
        await Eventually.TrueAsync(async () => await PendingOutboxRows(database) == 0, "the outbox was emptied");
        await Sentinel(api, observed);
        Assert.Single(observed.Items, o => o.Message.OrderId == saved);
        Assert.DoesNotContain(observed.Items, o => o.Message.OrderId == failed);
        await using var db = DurableTestDbContext.Open(database);
        Assert.Equal(1, await db.Effects.CountAsync(x => x.Key == saved));
    }

    [Fact]
    public async Task Two_replicas_deliver_each_saved_event_exactly_once()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        await using var watcher = await StartWatcher(database, observed);
        await using var first = await StartApi(infrastructure.RabbitMqConnectionString, database);
        await using var second = await StartApi(infrastructure.RabbitMqConnectionString, database);
        var orders = Enumerable.Range(0, 60).Select(_ => NewId.NextGuid()).ToList();

        await Task.WhenAll(orders.Select((id, i) => HandleRequest(i % 2 == 0 ? first : second, id)));

        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Count >= orders.Count), "every event arrived");
        await Eventually.TrueAsync(async () => await PendingOutboxRows(database) == 0, "the outbox was emptied");
        var sentinel = await Sentinel(first, observed);
        Assert.Equal(orders.Append(sentinel).Order(), observed.Items.Select(o => o.Message.OrderId).Order());
    }

    [Fact]
    public async Task Stopping_mid_batch_keeps_the_sends_the_broker_already_confirmed()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        await using var watcher = await StartWatcher(database, observed);
        var proxy = infrastructure.StartBrokerProxy();
        var orders = Enumerable.Range(0, 3).Select(_ => NewId.NextGuid()).ToList();

        // One outbox of three events, saved while the broker is unreachable, left behind by a stopped replica.
        await using (var offline = await StartApi(proxy.ConnectionString, database))
        {
            proxy.Cut();
            await HandleRequest(offline, orders);
        }

        await using (var before = DurableTestDbContext.Open(database))
        {
            Assert.Equal(3, await before.Set<OutboxMessage>().CountAsync());
        }

        // A replica whose delivery is stopped right after the broker confirmed the first event.
        await using var stopping = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "stopping", _ => { });
        using var stop = new CancellationTokenSource();
        stopping.Services.GetRequiredService<IBus>().ConnectSendObserver(new StopAfterFirstSend(stop));
        var delivery = ActivatorUtilities.CreateInstance<BusOutboxDeliveryService<DurableTestDbContext>>(
            stopping.Services,
            new BusOutboxWakeUp(),
            new DurableMessagingMetrics(stopping.Services.GetRequiredService<IMeterFactory>()));
        try
        {
            await delivery.DeliverOneOutbox(new PostgresOutboxOptions(), stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Today's code gives up the whole batch; the assertions below say what that costs.
        }

        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Count >= 1), "the first event arrived");
        await using var db = DurableTestDbContext.Open(database);
        Assert.Equal(2, await db.Set<OutboxMessage>().CountAsync());
        Assert.Equal(1, await db.Set<OutboxState>().CountAsync());
    }

    [Fact]
    public async Task A_database_connection_lost_between_the_broker_confirm_and_the_commit_resends_and_the_receiver_applies_it_once()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var observed = new DurableHost.Received<OrderPlaced>();
        // The receiver as a service runs it: behind the inbox, plus a raw observer that sees every copy.
        await using var receiver = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "receiver", x =>
        {
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddConsumer<OrderPlacedRecorder>();
        });
        await using var watcher = await StartWatcher(database, observed);
        await using var proxy = DatabaseProxy.Start(database);
        await using var api = await StartApi(infrastructure.RabbitMqConnectionString, proxy.ConnectionString);
        var cut = new CutDatabaseAfterFirstSend(proxy);
        api.Services.GetRequiredService<IBus>().ConnectSendObserver(cut);
        var orderId = NewId.NextGuid();

        await HandleRequest(api, orderId);

        // The broker confirmed the event, then the delivery's commit lost its connection: the outbox row stays.
        await Eventually.TrueAsync(() => Task.FromResult(cut.Fired), "the connection was cut after the confirm");
        proxy.Restore();
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Count(o => o.Message.OrderId == orderId) >= 2), "the event was sent again");
        await Eventually.TrueAsync(async () => await PendingOutboxRows(database) == 0, "the outbox was emptied");
        await Eventually.TrueAsync(async () => await RecordedEffects(database, orderId) >= 1, "the receiver applied the event");
        var sentinel = await Sentinel(api, observed);
        await Eventually.TrueAsync(async () => await RecordedEffects(database, sentinel) == 1, "the receiver handled the sentinel behind the resend");
        Assert.Equal(1, await RecordedEffects(database, orderId));
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_waits_twice_as_long_each_time_before_it_is_tried_again()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        const string destination = "exchange:not-started-yet";
        // A command to a service that has never started: RabbitMQ returns it, so every delivery fails.
        await using var api = await DurableHost.StartAsync(
            infrastructure.RabbitMqConnectionString, database, "api", x => x.AddPostgresOutbox<DurableTestDbContext>(o => o.UseBusOutbox()),
            services => services.AddSingleton<TimeProvider>(time).AddCommandDestination(destination));
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var endpoint = await scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri(destination));
            await endpoint.Send(new OrderPlaced { OrderId = NewId.NextGuid() });
            await scope.ServiceProvider.GetRequiredService<DurableTestDbContext>().SaveChangesAsync();
        }

        var delivery = api.Services.GetServices<IHostedService>().OfType<BusOutboxDeliveryService<DurableTestDbContext>>().Single();
        var settings = api.Services.GetRequiredService<IOptions<PostgresOutboxOptions>>().Value;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var outbox = await Eventually.ReturnsAsync(() => Outbox(database), o => o?.DeliveryAttempts == attempt, $"delivery attempt {attempt} failed");
            var wait = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
            Assert.Equal(time.GetUtcNow().UtcDateTime + wait, outbox!.Created, TimeSpan.FromMilliseconds(1));
            Assert.Null(outbox.DeadLettered);

            // Not due yet: a look for work leaves it alone.
            time.Advance(wait - TimeSpan.FromMilliseconds(10));
            await delivery.DeliverOneOutbox(settings, CancellationToken.None);
            Assert.Equal(attempt, (await Outbox(database))!.DeliveryAttempts);

            // Due: the next look tries it (here, or in a worker whose poll came first) and it fails again.
            time.Advance(TimeSpan.FromMilliseconds(10));
            await delivery.DeliverOneOutbox(settings, CancellationToken.None);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    public void The_retry_wait_doubles_from_the_first_delay_up_to_the_cap(int failedAttempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), BusOutboxDeliveryService<DurableTestDbContext>.RetryDelay(failedAttempts, new PostgresOutboxOptions()));
    }

    private static async Task<OutboxState?> Outbox(string database)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<OutboxState>().AsNoTracking().SingleOrDefaultAsync();
    }

    /// <summary>
    /// One more event through the same outbox and queue, awaited: the delivery service takes outboxes oldest first, so
    /// once it arrived no earlier duplicate is still on its way, and "once" can be counted.
    /// </summary>
    private static async Task<Guid> Sentinel(DurableHost.RunningHost api, DurableHost.Received<OrderPlaced> observed)
    {
        var sentinel = NewId.NextGuid();
        await HandleRequest(api, sentinel);
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.OrderId == sentinel)), "the sentinel arrived");
        return sentinel;
    }

    /// <summary>What an HTTP handler does: change a row, publish, save both at once.</summary>
    private static Task HandleRequest(DurableHost.RunningHost api, Guid orderId) => HandleRequest(api, [orderId]);

    private static async Task HandleRequest(DurableHost.RunningHost api, IReadOnlyList<Guid> orderIds)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DurableTestDbContext>();
        foreach (var orderId in orderIds)
        {
            db.Effects.Add(new Effect { Key = orderId });
            await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(new OrderPlaced { OrderId = orderId });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Stops the delivery once the broker confirmed one event; from then on sends fail, as on a stopping bus.</summary>
    private sealed class StopAfterFirstSend(CancellationTokenSource stop) : ISendObserver
    {
        public Task PreSend<T>(SendContext<T> context)
            where T : class
        {
            stop.Token.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }

        // The outbox replays stored bodies (SerializedMessageBody), so any confirmed send is the first event.
        public Task PostSend<T>(SendContext<T> context)
            where T : class
        {
            stop.Cancel();
            return Task.CompletedTask;
        }

        public Task SendFault<T>(SendContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    private Task<DurableHost.RunningHost> StartWatcher(string database, DurableHost.Received<OrderPlaced> observed) =>
        DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "watcher",
            x => x.AddConsumer<OrderPlacedObserver>(), s => s.AddSingleton(observed));

    private static Task<DurableHost.RunningHost> StartApi(string rabbitMq, string database) =>
        DurableHost.StartAsync(rabbitMq, database, "api", x => x.AddPostgresOutbox<DurableTestDbContext>(o => o.UseBusOutbox()));

    /// <summary>Effects the receiver wrote for an order: every row with its key but the one the handler wrote.</summary>
    private static async Task<int> RecordedEffects(string database, Guid orderId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Effects.CountAsync(x => x.Key == orderId) - 1;
    }

    /// <summary>Cuts the database off right after the broker confirmed the first send, before the delivery commits.</summary>
    private sealed class CutDatabaseAfterFirstSend(DatabaseProxy proxy) : ISendObserver
    {
        private int _fired;

        public bool Fired => Volatile.Read(ref _fired) == 1;

        public Task PreSend<T>(SendContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostSend<T>(SendContext<T> context)
            where T : class
        {
            if (Interlocked.Exchange(ref _fired, 1) == 0)
            {
                proxy.Cut();
            }

            return Task.CompletedTask;
        }

        public Task SendFault<T>(SendContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    private static async Task<int> PendingOutboxRows(string database)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<OutboxMessage>().CountAsync() + await db.Set<OutboxState>().CountAsync();
    }
}
