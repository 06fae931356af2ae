using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Persistence;
using Platform.Persistence.Scheduling;
using Platform.Shared.Tests.Persistence.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.Persistence;

[Trait("Category", TestCategories.Integration)]
public sealed class SchedulerTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly Uri PingQueue = new("exchange:pings-ping-observer");
    private static readonly Uri TokenPingQueue = new("exchange:pings-token-ping-observer");

    static SchedulerTests() => ScheduleTokenId.UseTokenId<TokenPing>(x => x.PingId);

    [Fact]
    public async Task Scheduled_message_fires_once_after_its_time()
    {
        var (database, observed) = await Prepare();
        await using var host = await StartService(database, observed);
        var ping = new Ping { PingId = NewId.NextGuid() };
        var due = DateTime.UtcNow.AddSeconds(1);

        await Schedule(host, due, ping);

        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Count >= 1), "the ping fired");
        await Eventually.TrueAsync(async () => await ScheduledRows(database) == 0, "the row was removed");
        var fired = Assert.Single(observed.Items);
        Assert.True(fired.At >= due, $"fired at {fired.At:O}, before {due:O}");
    }

    [Fact]
    public async Task Scheduled_message_survives_a_restart_and_fires_once()
    {
        var (database, observed) = await Prepare();
        var ping = new Ping { PingId = NewId.NextGuid() };
        await using (var before = await StartService(database, observed))
        {
            await Schedule(before, DateTime.UtcNow.AddSeconds(2), ping);
            await Eventually.TrueAsync(async () => await ScheduledRows(database) == 1, "the schedule was stored");
        }

        Assert.Empty(observed.Items);
        await using var after = await StartService(database, observed);
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Count >= 1), "the ping fired after the restart");
        await Eventually.TrueAsync(async () => await ScheduledRows(database) == 0, "the row was removed");
        Assert.Single(observed.Items);
    }

    [Fact]
    public async Task Cancelled_message_never_fires()
    {
        var (database, observed) = await Prepare();
        await using var host = await StartService(database, observed);
        var cancelled = new Ping { PingId = NewId.NextGuid() };
        var sentinel = new Ping { PingId = NewId.NextGuid() };

        var scheduled = await Schedule(host, DateTime.UtcNow.AddSeconds(1), cancelled);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageScheduler>().CancelScheduledSend(PingQueue, scheduled.TokenId);
        }

        await Schedule(host, DateTime.UtcNow.AddSeconds(1.5), sentinel);
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Count >= 1), "the sentinel fired");
        await Eventually.TrueAsync(async () => await ScheduledRows(database) == 0, "no schedule is left");
        Assert.Equal(sentinel, Assert.Single(observed.Items).Message);
    }

    [Fact]
    public async Task A_token_scheduled_again_after_its_cancel_fires()
    {
        var (database, observed) = await Prepare();
        await using var host = await StartService(database, observed);
        var ping = new TokenPing { PingId = NewId.NextGuid() };

        var first = await ScheduleToken(host, DateTime.UtcNow.AddMinutes(10), ping);
        Assert.Equal(ping.PingId, first.TokenId);
        await Eventually.TrueAsync(async () => await ScheduledRows(database) == 1, "the first schedule was stored");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageScheduler>().CancelScheduledSend(TokenPingQueue, ping.PingId);
        }

        await Eventually.TrueAsync(async () => await ScheduledRows(database) == 0, "the cancel removed it");
        await ScheduleToken(host, DateTime.UtcNow.AddSeconds(1), ping);

        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.PingId == ping.PingId)), "the second schedule fired");
        Assert.Single(observed.Items, o => o.Message.PingId == ping.PingId);
    }

    [Fact]
    public async Task A_message_that_cannot_be_sent_is_set_aside_and_does_not_hold_up_the_others()
    {
        var (database, observed) = await Prepare();
        await using var host = await StartService(database, observed, sendTimeout: TimeSpan.FromSeconds(3));
        var undeliverable = new Ping { PingId = NewId.NextGuid() };
        var good = new Ping { PingId = NewId.NextGuid() };
        var due = DateTime.UtcNow.AddSeconds(1);

        // A queue: address re-declares the quorum queue as classic; RabbitMQ refuses that on every attempt.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageScheduler>().ScheduleSend(new Uri("queue:pings-ping-observer"), due, undeliverable);
        }

        await Schedule(host, due.AddMilliseconds(100), good);

        // Generous: even a good send that timed out on a slow machine is tried again after FailedSendRetryDelay.
        await Eventually.TrueAsync(
            () => Task.FromResult(observed.Items.Any(o => o.Message.PingId == good.PingId)), "the good ping fired", TimeSpan.FromSeconds(90));
        await using var db = DurableTestDbContext.Open(database);
        var setAside = await db.Set<ScheduledMessageEntry>().SingleAsync();
        Assert.True(setAside.DueAt > due.AddSeconds(10), $"the failed row waits before its next attempt (due {setAside.DueAt:O})");
        Assert.DoesNotContain(observed.Items, o => o.Message.PingId == undeliverable.PingId);
    }

    [Fact]
    public async Task Two_sweeper_replicas_deliver_each_message_once()
    {
        var (database, observed) = await Prepare();
        await using var first = await StartService(database, observed);
        await using var second = await StartService(database, observed);
        var due = DateTime.UtcNow.AddSeconds(1);
        var pings = Enumerable.Range(0, 40).Select(_ => new Ping { PingId = NewId.NextGuid() }).ToList();

        await Task.WhenAll(pings.Select((p, i) => Schedule(i % 2 == 0 ? first : second, due, p)));

        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Count >= pings.Count), "every ping fired");
        await Eventually.TrueAsync(async () => await ScheduledRows(database) == 0, "no schedule is left");
        Assert.Equal(pings.Select(p => p.PingId).Order(), observed.Items.Select(o => o.Message.PingId).Order());
    }

    [Fact]
    public async Task State_machine_timeout_fires_and_unschedule_cancels_it()
    {
        var (database, observed) = await Prepare();
        await using var host = await StartService(database, observed);
        var bus = host.Services.GetRequiredService<IBus>();
        var expiring = NewId.NextGuid();
        var stopped = NewId.NextGuid();

        await bus.Publish(new WaitStarted { WaitId = expiring });
        await bus.Publish(new WaitStarted { WaitId = stopped });
        await Eventually.TrueAsync(async () => await StateOf(database, stopped) == "Waiting", "the second wait started");
        await bus.Publish(new WaitStopped { WaitId = stopped });

        await Eventually.TrueAsync(async () => await StateOf(database, expiring) == "Expired", "the timeout fired");
        await Eventually.TrueAsync(async () => await StateOf(database, stopped) == "Halted", "the stop was handled");
        await Eventually.TrueAsync(async () => await ScheduledRows(database) == 0, "the stopped wait's timeout was cancelled");
        await using var db = DurableTestDbContext.Open(database);
        Assert.Equal(1, await db.Set<ScheduledMessageCancellation>().CountAsync());
        Assert.Equal("Halted", await StateOf(database, stopped));
    }

    private async Task<(string Database, DurableHost.Received<Ping> Observed)> Prepare()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        return (database, new DurableHost.Received<Ping>());
    }

    private Task<DurableHost.RunningHost> StartService(string database, DurableHost.Received<Ping> observed, TimeSpan? sendTimeout = null) =>
        DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "pings", x =>
        {
            x.SetPostgresSagaRepositoryProvider<DurableTestDbContext>();
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddPostgresMessageScheduler<DurableTestDbContext>("pings-scheduler", o =>
            {
                o.QueryDelay = TimeSpan.FromMilliseconds(200);
                o.SendTimeout = sendTimeout ?? o.SendTimeout;
            });
            x.AddConsumer<PingObserver>();
            x.AddConsumer<TokenPingObserver>();
            x.AddSagaStateMachine<TimeoutStateMachine, TimeoutState>();
        }, s => s.AddSingleton(observed));

    private static async Task<ScheduledMessage<Ping>> Schedule(DurableHost.RunningHost host, DateTime due, Ping ping)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageScheduler>().ScheduleSend(PingQueue, due, ping);
    }

    private static async Task<ScheduledMessage<TokenPing>> ScheduleToken(DurableHost.RunningHost host, DateTime due, TokenPing ping)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageScheduler>().ScheduleSend(TokenPingQueue, due, ping);
    }

    private static async Task<int> ScheduledRows(string database)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<ScheduledMessageEntry>().CountAsync();
    }

    private static async Task<string?> StateOf(string database, Guid id)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<TimeoutState>().Where(x => x.CorrelationId == id).Select(x => x.CurrentState).SingleOrDefaultAsync();
    }
}
