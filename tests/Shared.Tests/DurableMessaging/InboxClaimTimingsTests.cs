using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.DurableMessaging.Outbox;
using Platform.DurableMessaging.Sagas;
using Platform.Shared.Tests.DurableMessaging.Support;

namespace Platform.Shared.Tests.DurableMessaging;

public sealed class InboxClaimTimingsTests
{
    [Fact]
    public void A_marked_consumer_claims_with_its_save_a_saga_with_its_lock_and_anything_else_first()
    {
        var services = new ServiceCollection();
        services.AddMassTransit(x =>
        {
            x.AddConsumer<RecordOrderConsumer>();
            x.AddConsumer<PlaceOrderConsumer>();
        });
        using var provider = services.BuildServiceProvider();
        var timings = new InboxClaimTimings(
            [PostgresSagaType.For<CounterState, DurableTestDbContext>()],
            provider.GetServices<IConsumerRegistration>());

        Assert.Equal(InboxClaimTiming.WithLastSave, timings.For<DurableTestDbContext>(TypeCache<RecordOrderConsumer>.ShortName));
        Assert.Equal(InboxClaimTiming.BeforeConsumer, timings.For<DurableTestDbContext>(TypeCache<PlaceOrderConsumer>.ShortName));
        Assert.Equal(InboxClaimTiming.WithSagaLock, timings.For<DurableTestDbContext>(TypeCache<CounterState>.ShortName));
        // The saga's rows live in one DbContext: with another, its lock is no transaction of this outbox's.
        Assert.Equal(InboxClaimTiming.BeforeConsumer, timings.For<RowShapesDbContext>(TypeCache<CounterState>.ShortName));
        Assert.Equal(InboxClaimTiming.BeforeConsumer, timings.For<DurableTestDbContext>(null));
    }
}
