using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.DurableMessaging;
using Platform.DurableMessaging.Sagas;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

public sealed class SagaStateCountTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    [Trait("Category", TestCategories.Integration)]
    public async Task Saga_instances_are_counted_by_state()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        await using var db = DurableTestDbContext.Open(database);
        db.AddRange(
            new CounterState { CorrelationId = NewId.NextGuid(), CurrentState = "Counting" },
            new CounterState { CorrelationId = NewId.NextGuid(), CurrentState = "Counting" },
            new CounterState { CorrelationId = NewId.NextGuid(), CurrentState = "Done" });
        await db.SaveChangesAsync();

        var counts = await SagaStateCounter<DurableTestDbContext>.CountAsync(db, CancellationToken.None);

        Assert.Equal(2, counts[nameof(CounterState)]["Counting"]);
        Assert.Equal(1, counts[nameof(CounterState)]["Done"]);
        Assert.Empty(counts[nameof(TimeoutState)]);
    }

    [Fact]
    public void A_state_no_longer_counted_reports_zero()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new DurableMessagingMetrics(services.GetRequiredService<IMeterFactory>());
        var saga = $"Saga{Guid.NewGuid():N}";
        metrics.SetSagaCounts(saga, new Dictionary<string, long> { ["Open"] = 3, ["Closed"] = 1 });

        metrics.SetSagaCounts(saga, new Dictionary<string, long> { ["Open"] = 2 });

        Assert.Equal(2, metrics.SagaCount(saga, "Open"));
        Assert.Equal(0, metrics.SagaCount(saga, "Closed"));
    }
}
