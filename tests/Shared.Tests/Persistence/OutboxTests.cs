using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Persistence;
using Platform.Persistence.Outbox;
using Platform.Shared.Tests.Persistence.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.Persistence;

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
        var messageId = NewId.NextGuid();
        var bus = host.Services.GetRequiredService<IBus>();

        await bus.Publish(new PlaceOrder { OrderId = orderId }, c => c.MessageId = messageId);
        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) >= 3, "the first copy was handled and delivered");
        await bus.Publish(new PlaceOrder { OrderId = orderId }, c => c.MessageId = messageId);
        await Eventually.TrueAsync(async () => await ReceiveCount(database, messageId) >= 4, "the second copy reached the inbox");

        // A sentinel behind the duplicate on the same queue proves the duplicate was fully handled before we count.
        var sentinel = NewId.NextGuid();
        await bus.Publish(new PlaceOrder { OrderId = sentinel });
        await Eventually.TrueAsync(() => Task.FromResult(observed.Items.Any(o => o.Message.OrderId == sentinel)), "the sentinel arrived");
        Assert.Equal(1, await EffectsOf(database, orderId));
        Assert.Single(observed.Items, o => o.Message.OrderId == orderId);
    }

    private static async Task<int> EffectsOf(string database, Guid key)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Effects.CountAsync(x => x.Key == key);
    }

    private static async Task<int> ReceiveCount(string database, Guid messageId)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<InboxState>().Where(x => x.MessageId == messageId).SumAsync(x => x.ReceiveCount);
    }
}
