using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.DurableMessaging;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

[Trait("Category", TestCategories.Integration)]
public sealed class SagaRepositoryTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Every_event_for_one_instance_is_counted_across_two_replicas_consuming_concurrently()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        await using var first = await StartReplica(database, "counting");
        await using var second = await StartReplica(database, "counting");
        var counterId = NewId.NextGuid();

        var bus = first.Services.GetRequiredService<IBus>();
        await bus.Publish(new CounterIncremented { CounterId = counterId });
        await Task.WhenAll(Enumerable.Range(0, 199).Select(_ => bus.Publish(new CounterIncremented { CounterId = counterId })));

        var count = await Eventually.ReturnsAsync(() => CountOf(database, counterId), c => c >= 200, "all 200 events were applied");
        Assert.Equal(200, count);
    }

    [Fact]
    public async Task Racing_initial_events_create_one_instance_that_counts_them_all()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        await using var first = await StartReplica(database, "racing");
        await using var second = await StartReplica(database, "racing");
        var counterId = NewId.NextGuid();

        var bus = first.Services.GetRequiredService<IBus>();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => bus.Publish(new CounterIncremented { CounterId = counterId })));

        var count = await Eventually.ReturnsAsync(() => CountOf(database, counterId), c => c >= 50, "all 50 initial events were applied");
        Assert.Equal(50, count);
        await using var db = DurableTestDbContext.Open(database);
        Assert.Equal(1, await db.Set<CounterState>().CountAsync(x => x.CorrelationId == counterId));
    }

    [Fact]
    public async Task A_saga_that_inserts_before_it_loads_counts_every_event_of_an_existing_instance()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        await using var first = await StartReplica(database, "inserting", x => x.AddSagaStateMachine<InsertingCounterStateMachine, CounterState>());
        await using var second = await StartReplica(database, "inserting", x => x.AddSagaStateMachine<InsertingCounterStateMachine, CounterState>());
        var counterId = NewId.NextGuid();

        // The first creates the instance; the others find it already locked by their own claim-and-lock, and racing
        // inserts of a new one fail on the key and load the winner's row.
        var bus = first.Services.GetRequiredService<IBus>();
        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => bus.Publish(new CounterIncremented { CounterId = counterId })));

        var count = await Eventually.ReturnsAsync(() => CountOf(database, counterId), c => c >= 30, "all 30 events were applied");
        Assert.Equal(30, count);
    }

    [Fact]
    public async Task Saga_instances_can_be_queried_by_expression_through_the_repository()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        await using var replica = await StartReplica(database, "querying");
        var counterId = NewId.NextGuid();

        await replica.Services.GetRequiredService<IBus>().Publish(new CounterIncremented { CounterId = counterId });
        await Eventually.TrueAsync(async () => await CountOf(database, counterId) == 1, "the instance exists");

        var repository = replica.Services.GetRequiredService<IQuerySagaRepository<CounterState>>();
        var found = await repository.Find(new SagaQuery<CounterState>(x => x.Count == 1 && x.CorrelationId == counterId));
        Assert.Equal([counterId], found);
        var loaded = await replica.Services.GetRequiredService<ILoadSagaRepository<CounterState>>().Load(counterId);
        Assert.Equal("Counting", loaded?.CurrentState);
    }

    [Fact]
    public async Task An_event_correlated_by_a_query_updates_exactly_the_matching_instances()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        await using var first = await StartReplica(database, "resetting");
        await using var second = await StartReplica(database, "resetting");
        var counters = Enumerable.Range(0, 3).Select(_ => NewId.NextGuid()).ToArray();
        var bus = first.Services.GetRequiredService<IBus>();
        for (var i = 0; i < counters.Length; i++)
        {
            for (var n = 0; n <= i; n++)
            {
                await bus.Publish(new CounterIncremented { CounterId = counters[i] });
            }
        }

        await Eventually.TrueAsync(async () => await CountOf(database, counters[2]) == 3 && await CountOf(database, counters[1]) == 2
            && await CountOf(database, counters[0]) == 1, "the counters reached 1, 2 and 3");

        // The reset matches counters 2 and 3 only: one transaction locks both (in id order) and saves both.
        await bus.Publish(new CountersReset { AtLeast = 2 });

        await Eventually.TrueAsync(async () => await CountOf(database, counters[2]) == 0, "the matching counters were reset");
        Assert.Equal(0, await CountOf(database, counters[1]));
        Assert.Equal(1, await CountOf(database, counters[0]));
    }

    private Task<DurableHost.RunningHost> StartReplica(string database, string service, Action<IBusRegistrationConfigurator>? saga = null) =>
        DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, service, x =>
        {
            // As every stateful service runs it: the saga inside the consumer outbox's transaction.
            x.SetPostgresSagaRepositoryProvider<DurableTestDbContext>();
            x.AddPostgresOutbox<DurableTestDbContext>();
            (saga ?? (c => c.AddSagaStateMachine<CounterStateMachine, CounterState>()))(x);
        });

    private static async Task<int> CountOf(string database, Guid counterId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<CounterState>().Where(x => x.CorrelationId == counterId).Select(x => x.Count).SingleOrDefaultAsync();
    }
}
