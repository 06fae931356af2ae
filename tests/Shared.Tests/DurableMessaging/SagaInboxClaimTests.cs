using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.DurableMessaging;
using Platform.DurableMessaging.Outbox;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>
/// In the consumer outbox, a saga's inbox claim travels with the instance's row lock: one round trip fewer per event,
/// and a redelivered event still never runs the saga twice.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SagaInboxClaimTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_saga_event_in_the_outbox_takes_two_round_trips_the_claim_riding_with_the_row_lock()
    {
        var database = await NewDatabase();
        var observed = new DurableHost.Received<Tallied>();
        // The answers are observed by a service without an inbox: only the saga's service uses this database.
        await using var downstream = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, await NewDatabase(), "tally-downstream",
            x => x.AddConsumer<TalliedObserver>(), s => s.AddSingleton(observed));
        await using var host = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "tallying", x => Tallying(x),
            concurrentMessageLimit: 1);
        var tallyId = NewId.NextGuid();
        await Publish(host, new Tally { TallyId = tallyId });
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(x => x.Message.TallyId == tallyId)), "the instance exists");

        const int events = 40;
        using var roundTrips = new RoundTrips(database);
        for (var i = 0; i < events; i++)
        {
            await Publish(host, new Tally { TallyId = tallyId });
        }

        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Count(x => x.Message.TallyId == tallyId) > events), "every event was answered");

        // Per event: claim with lock, then save with commit; delivering the answer records it with one more statement
        // after the commit (3 per event). With the claim on its own it was 4. Background services (the sweeper, the
        // inbox cleanup) may add a few.
        Assert.InRange(roundTrips.Count, 3 * events, (3 * events) + 10);
        Assert.Equal(events + 1, await CountOf(database, tallyId));
    }

    [Fact]
    public async Task A_redelivered_saga_event_whose_first_delivery_committed_does_not_run_the_saga_again_and_its_answer_is_sent_once()
    {
        var database = await NewDatabase();
        var observed = new DurableHost.Received<Tallied>();
        await using var downstream = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "tally-downstream",
            x => x.AddConsumer<TalliedObserver>(), s => s.AddSingleton(observed));
        await using var broker = infrastructure.StartBrokerProxy();
        var tallyId = NewId.NextGuid();
        var messageId = NewId.NextGuid();
        var crash = new CrashAfterConsumedCommit(database, messageId, broker);

        await using (var dying = await DurableHost.StartAsync(broker.ConnectionString, database, "tallying", x => Tallying(x),
                         s => s.ConfigureDbContext<DurableTestDbContext>(o => o.AddInterceptors(crash))))
        {
            await Publish(dying, new Tally { TallyId = tallyId }, messageId);
            await crash.Happened.Task.WaitAsync(Eventually.DefaultTimeout);
            await dying.StopAsync();
        }

        Assert.Equal(1, await CountOf(database, tallyId));
        Assert.DoesNotContain(observed.Items, x => x.Message.TallyId == tallyId);

        // The next replica gets the requeued event: its claim, sent with the lock, finds the event consumed, so the saga
        // does not count it again and the committed answer is delivered instead.
        await using var next = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "tallying", x => Tallying(x));
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(x => x.Message.TallyId == tallyId)), "the committed answer was delivered",
            TimeSpan.FromSeconds(90));

        // A second event through the same path proves nothing else was on its way before counting.
        await Publish(next, new Tally { TallyId = tallyId });
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(x => x.Message is { Count: 2 } && x.Message.TallyId == tallyId)),
            "the second event was answered");
        Assert.Single(observed.Items, x => x.Message.TallyId == tallyId && x.Message.Count == 1);
        Assert.Equal(2, await CountOf(database, tallyId));
        await using var db = DurableTestDbContext.Open(database);
        Assert.Equal(2, await db.Set<InboxState>().Where(x => x.MessageId == messageId).Select(x => x.ReceiveCount).SingleAsync());
    }

    [Fact]
    public async Task The_same_saga_event_delivered_twice_is_counted_and_answered_once()
    {
        var database = await NewDatabase();
        var observed = new DurableHost.Received<Tallied>();
        await using var host = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "tallying",
            x => Tallying(x).AddConsumer<TalliedObserver>(), s => s.AddSingleton(observed));
        var tallyId = NewId.NextGuid();
        var messageId = NewId.NextGuid();

        await Publish(host, new Tally { TallyId = tallyId }, messageId);
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(x => x.Message.TallyId == tallyId)), "the first copy was answered");
        await Publish(host, new Tally { TallyId = tallyId }, messageId);
        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) == 2, "the second copy reached the inbox");
        await Publish(host, new Tally { TallyId = tallyId });
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(x => x.Message is { Count: 2 } && x.Message.TallyId == tallyId)),
            "the sentinel event was answered");

        Assert.Single(observed.Items, x => x.Message.TallyId == tallyId && x.Message.Count == 1);
        Assert.DoesNotContain(observed.Items, x => x.Message.TallyId == tallyId && x.Message.Count > 2);
        Assert.Equal(2, await CountOf(database, tallyId));
    }

    /// <summary>
    /// Publishes from an async method of its own: MassTransit keeps the publishing host's log context in the caller's
    /// async flow, and a host started later in that flow would log through it after the publisher is gone.
    /// </summary>
    private static async Task Publish(DurableHost.RunningHost host, Tally message, Guid? messageId = null) =>
        await host.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId ?? c.MessageId);

    private static IBusRegistrationConfigurator Tallying(IBusRegistrationConfigurator x)
    {
        // As every stateful service runs it: the saga inside the consumer outbox's transaction.
        x.SetPostgresSagaRepositoryProvider<DurableTestDbContext>();
        x.AddPostgresOutbox<DurableTestDbContext>();
        x.AddSagaStateMachine<TallyStateMachine, TallyState>();
        return x;
    }

    private async Task<string> NewDatabase()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        return database;
    }

    private static async Task<int> CountOf(string database, Guid tallyId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<TallyState>().Where(x => x.CorrelationId == tallyId).Select(x => x.Count).SingleOrDefaultAsync();
    }

    private static async Task<int> ReceiveCount(string database, Guid messageId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<InboxState>().Where(x => x.MessageId == messageId).Select(x => x.ReceiveCount).SingleOrDefaultAsync();
    }
}
