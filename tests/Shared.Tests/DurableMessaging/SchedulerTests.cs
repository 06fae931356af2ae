using System.Data.Common;
using System.Diagnostics;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.DurableMessaging;
using Platform.DurableMessaging.Outbox;
using Platform.DurableMessaging.Scheduling;
using Platform.ServiceDefaults.Telemetry;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

[Trait("Category", TestCategories.Integration)]
public sealed class SchedulerTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly Uri PingQueue = new("exchange:pings-ping-observer");
    private static readonly Uri TracedPingQueue = new("exchange:pings-traced-ping-observer");
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
    public async Task A_scheduled_message_arrives_in_the_trace_of_the_activity_that_scheduled_it()
    {
        var (database, observed) = await Prepare();
        var arrivals = new DurableHost.Received<TracedArrival>();
        using var listener = ListenToMassTransitAndPlatformActivities();
        await using var host = await StartService(database, observed, services: s => s.AddSingleton(arrivals));
        var ping = new TracedPing { PingId = NewId.NextGuid() };

        ActivityTraceId scheduledIn;
        using (var scheduling = new Activity("schedule a ping").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            scheduledIn = scheduling.TraceId;
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageScheduler>().ScheduleSend(TracedPingQueue, DateTime.UtcNow.AddSeconds(1), ping);
        }

        await Eventually.TrueAsync(() => Task.FromResult(arrivals.Items.Count >= 1), "the ping fired");
        var arrival = Assert.Single(arrivals.Items).Message;
        Assert.Equal(scheduledIn, arrival.TraceId);
    }

    [Fact]
    public async Task A_receive_endpoint_that_cannot_start_does_not_stop_the_scheduler()
    {
        var (database, observed) = await Prepare();
        await using var host = await StartService(database, observed);
        var bus = host.Services.GetRequiredService<IBusControl>();

        // A classic queue where the endpoint declares a quorum queue: RabbitMQ refuses the declaration on every attempt,
        // so the endpoint never starts and the bus is not healthy while the broker connection itself is fine.
        const string broken = "pings-cannot-start";
        await DeclareClassicQueue(broken);
        bus.ConnectReceiveEndpoint(broken, e =>
        {
            ((IRabbitMqReceiveEndpointConfigurator)e).SetQuorumQueue();
            e.Handler<Ping>(_ => Task.CompletedTask);
        });
        await Eventually.TrueAsync(() => Task.FromResult(bus.CheckHealth().Status != BusHealthStatus.Healthy), "the bus is no longer healthy");

        var ping = new Ping { PingId = NewId.NextGuid() };
        await Schedule(host, DateTime.UtcNow, ping);

        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.PingId == ping.PingId)), "the ping fired");
        Assert.NotEqual(BusHealthStatus.Healthy, bus.CheckHealth().Status);
    }

    [Theory]
    [InlineData(12, -3600, true)] // a re-schedule written after the cancel, by a replica whose clock is an hour behind
    [InlineData(10, 3600, false)] // a schedule written before the cancel, delivered late by a replica an hour ahead
    public async Task Schedule_versus_cancel_follows_the_outbox_order_whatever_the_senders_clocks(long scheduleSequence, int cancelClockOffsetSeconds, bool fires)
    {
        var (database, observed) = await Prepare();
        await using var host = await StartService(database, observed);
        var bus = host.Services.GetRequiredService<IBus>();
        var scheduler = await bus.GetSendEndpoint(new Uri("exchange:pings-scheduler"));
        var ping = new Ping { PingId = NewId.NextGuid() };
        var token = NewId.NextGuid();

        await scheduler.Send<CancelScheduledMessage>(new CancelScheduledMessageCommand(token),
            c => c.Headers.Set(OutboxMessage.SequenceHeader, 11L));
        await Eventually.TrueAsync(async () => await Tombstones(database, token) == 1, "the cancel left its tombstone");

        // The cancel's sender clock, as if another replica had sent it: ahead of ours (an hour) or behind it.
        await using (var db = DurableTestDbContext.Open(database))
        {
            await db.Set<ScheduledMessageCancellation>().Where(x => x.TokenId == token)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Cancelled, DateTime.UtcNow.AddSeconds(-cancelClockOffsetSeconds)));
        }

        await scheduler.Send<ScheduleMessage>(new ScheduleMessageCommand<Ping>(DateTime.UtcNow, PingQueue, ping, token),
            c => c.Headers.Set(OutboxMessage.SequenceHeader, scheduleSequence));

        // A sentinel scheduled after it through the same queue proves the schedule command was handled.
        var sentinel = new Ping { PingId = NewId.NextGuid() };
        await Schedule(host, DateTime.UtcNow.AddSeconds(1), sentinel);
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.PingId == sentinel.PingId)), "the sentinel fired");
        if (fires)
        {
            await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.PingId == ping.PingId)), "the re-schedule fired");
        }
        else
        {
            Assert.DoesNotContain(observed.Items, o => o.Message.PingId == ping.PingId);
            Assert.Equal(0, await ScheduledRows(database));
        }
    }

    private async Task DeclareClassicQueue(string name)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(infrastructure.RabbitMqConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false);
    }

    private static async Task<int> Tombstones(string database, Guid token)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<ScheduledMessageCancellation>().CountAsync(x => x.TokenId == token);
    }

    private static ActivityListener ListenToMassTransitAndPlatformActivities()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "MassTransit" or PlatformTelemetry.SourceName,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    [Fact]
    public async Task State_machine_timeout_fires_and_unschedule_cancels_it()
    {
        var (database, observed) = await Prepare();
        await using var host = await StartService(database, observed);
        var bus = host.Services.GetRequiredService<IBus>();
        var expired = new DurableHost.Received<Guid>();
        bus.ConnectConsumeObserver(new ExpiredTimeouts(expired));
        var expiring = NewId.NextGuid();
        var stopped = NewId.NextGuid();

        await bus.Publish(new WaitStarted { WaitId = expiring });
        await bus.Publish(new WaitStarted { WaitId = stopped });
        await Eventually.TrueAsync(async () => await StateOf(database, stopped) == "Waiting", "the second wait started");
        await bus.Publish(new WaitStopped { WaitId = stopped });

        await Eventually.TrueAsync(async () => await StateOf(database, expiring) == "Expired", "the timeout fired");
        await Eventually.TrueAsync(async () => await StateOf(database, stopped) == "Halted", "the stop was handled");
        await Eventually.TrueAsync(async () => await ScheduledRows(database) == 0, "the stopped wait's timeout was cancelled");

        // A ping due after the stopped wait's timeout would have been: once it fired, a timeout that was not really
        // cancelled would have fired too (the row being gone proves nothing by itself: it also goes when it fires).
        var sentinel = new Ping { PingId = NewId.NextGuid() };
        await Schedule(host, DateTime.UtcNow + TimeoutStateMachine.Delay, sentinel);
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.PingId == sentinel.PingId)), "the sentinel fired");
        Assert.Contains(expiring, expired.Items.Select(x => x.Message));
        Assert.DoesNotContain(stopped, expired.Items.Select(x => x.Message));
        await using var db = DurableTestDbContext.Open(database);
        Assert.Equal(1, await db.Set<ScheduledMessageCancellation>().CountAsync());
        Assert.Equal("Halted", await StateOf(database, stopped));
    }

    /// <summary>Records the WaitId of every WaitExpired the saga endpoint receives, handled or not.</summary>
    private sealed class ExpiredTimeouts(DurableHost.Received<Guid> seen) : IConsumeObserver
    {
        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is WaitExpired expired)
            {
                seen.Add(expired.WaitId);
            }

            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    private async Task<(string Database, DurableHost.Received<Ping> Observed)> Prepare()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        return (database, new DurableHost.Received<Ping>());
    }

    [Fact]
    public async Task A_sweeper_whose_due_rows_are_all_held_by_another_replica_backs_off_instead_of_spinning()
    {
        var (database, observed) = await Prepare();
        var claims = new ClaimCounter();
        await using var host = await StartService(database, observed, configure: o => o.QueryDelay = TimeSpan.FromSeconds(1),
            services: s => s.ConfigureDbContext<DurableTestDbContext>(o => o.AddInterceptors(claims)));
        var due = DateTime.UtcNow.AddSeconds(2);
        await Schedule(host, due, new Ping { PingId = NewId.NextGuid() });
        await Eventually.TrueAsync(async () => await ScheduledRows(database) == 1, "the schedule was stored");

        // "Another replica" claims the row and keeps it while it is due.
        await using var other = new NpgsqlConnection(database);
        await other.OpenAsync();
        await using var holding = await other.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand("SELECT token_id FROM scheduled_message FOR UPDATE", other, holding))
        {
            await claim.ExecuteScalarAsync();
        }

        await Eventually.TrueAsync(() => Task.FromResult(DateTime.UtcNow > due.AddMilliseconds(500) && claims.Count > 0), "the row is due");
        var before = claims.Count;
        await Task.Delay(TimeSpan.FromSeconds(2)); // an observation window, not a synchronisation: counts sweeps in it

        // One sweep per query delay (1 s) is about 2; a loop that does not back off makes hundreds.
        Assert.InRange(claims.Count - before, 0, 6);
        await holding.RollbackAsync();
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Count >= 1), "the row fired once released");
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_dead_lettered_with_its_reason_after_the_attempt_limit()
    {
        var (database, observed) = await Prepare();
        await using var host = await StartService(database, observed, configure: o =>
        {
            o.SendTimeout = TimeSpan.FromSeconds(3);
            o.FailedSendRetryDelay = TimeSpan.FromMilliseconds(100);
            o.MaxDeliveryAttempts = 2;
        });
        var undeliverable = new Ping { PingId = NewId.NextGuid() };

        // A queue: address re-declares the quorum queue as classic; RabbitMQ refuses that on every attempt.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageScheduler>().ScheduleSend(
                new Uri("queue:pings-ping-observer"), DateTime.UtcNow, undeliverable);
        }

        var dead = await Eventually.ReturnsAsync(
            async () =>
            {
                await using var db = DurableTestDbContext.Open(database);
                return await db.Set<ScheduledMessageEntry>().AsNoTracking().SingleOrDefaultAsync();
            },
            row => row?.DeadLettered is not null,
            "the row was dead-lettered",
            TimeSpan.FromSeconds(60));
        Assert.Equal(2, dead!.DeliveryAttempts);
        Assert.False(string.IsNullOrWhiteSpace(dead.LastError));

        // Dead-lettered rows are no longer claimed: a good ping after it fires, and the dead row stays as it was.
        var good = new Ping { PingId = NewId.NextGuid() };
        await Schedule(host, DateTime.UtcNow, good);
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.PingId == good.PingId)), "the good ping fired");
        await using var after = DurableTestDbContext.Open(database);
        Assert.Equal(2, (await after.Set<ScheduledMessageEntry>().SingleAsync()).DeliveryAttempts);
    }

    private Task<DurableHost.RunningHost> StartService(
        string database,
        DurableHost.Received<Ping> observed,
        TimeSpan? sendTimeout = null,
        Action<PostgresSchedulerOptions>? configure = null,
        Action<IServiceCollection>? services = null) =>
        DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "pings", x =>
        {
            x.SetPostgresSagaRepositoryProvider<DurableTestDbContext>();
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddPostgresMessageScheduler<DurableTestDbContext>("pings-scheduler", o =>
            {
                o.QueryDelay = TimeSpan.FromMilliseconds(200);
                o.SendTimeout = sendTimeout ?? o.SendTimeout;
                configure?.Invoke(o);
            });
            x.AddConsumer<PingObserver>();
            x.AddConsumer<TokenPingObserver>();
            x.AddConsumer<TracedPingObserver>();
            x.AddSagaStateMachine<TimeoutStateMachine, TimeoutState>();
        }, s =>
        {
            s.AddSingleton(observed);
            services?.Invoke(s);
        });

    /// <summary>Counts the scheduler's claim queries (its sweeps).</summary>
    private sealed class ClaimCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("SKIP LOCKED", StringComparison.Ordinal)
                && command.CommandText.Contains("scheduled_message", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }

            return ValueTask.FromResult(result);
        }
    }

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
