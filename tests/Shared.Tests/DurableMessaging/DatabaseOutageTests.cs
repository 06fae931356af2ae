using System.Collections.Concurrent;
using System.Data.Common;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.DurableMessaging;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>While PostgreSQL is down, messages wait in their own queue: nothing is parked in the scheduler (which needs the same database) or dead-lettered.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class DatabaseOutageTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Messaging:RetryIntervalsMs:0"] = "10",
        ["Messaging:RedeliveryIntervalsSeconds:0"] = "1",
        ["Messaging:DatabaseOutageMaxRetryIntervalMs"] = "200",
    };

    [Fact]
    public async Task A_message_consumed_while_the_database_is_down_stays_in_its_queue_and_is_handled_once_when_it_is_back()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        await using var proxy = DatabaseProxy.Start(database);
        var failures = new FailedConnections();
        var queuesReached = new ConcurrentBag<string>();
        await using var host = await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, proxy.ConnectionString, "outage", x =>
        {
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddPostgresMessageScheduler<DurableTestDbContext>("outage-scheduler", o => o.QueryDelay = TimeSpan.FromMilliseconds(200));
            x.AddConsumer<PlaceOrderConsumer>();
        }, s => s.AddSingleton(new PlaceOrderConsumer.Hooks()).ConfigureDbContext<DurableTestDbContext>(o => o.AddInterceptors(failures)),
            settings: FastRetries);
        host.Services.GetRequiredService<IBus>().ConnectReceiveObserver(new ReceivedOn(queuesReached));
        var orderId = NewId.NextGuid();

        proxy.Cut();
        await host.Services.GetRequiredService<IBus>().Publish(new PlaceOrder { OrderId = orderId });
        // Well past the immediate retries: today's policy would have handed the message to the scheduler by now.
        await Eventually.TrueAsync(() => Task.FromResult(failures.Count >= 12), "the consumer kept retrying against the dead database");

        Assert.DoesNotContain("outage-scheduler", queuesReached);
        proxy.Restore();
        await Eventually.TrueAsync(async () => await EffectsOf(database, orderId) == 1, "the order was handled after the database came back");
        Assert.Null(await infrastructure.RabbitMq.GetQueueMessageCountAsync("outage-place-order_error"));
        Assert.Null(await infrastructure.RabbitMq.GetQueueMessageCountAsync("outage-scheduler_error"));
        Assert.Equal(1, await EffectsOf(database, orderId));
    }

    private static async Task<int> EffectsOf(string database, Guid key)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Effects.CountAsync(x => x.Key == key);
    }

    private sealed class FailedConnections : DbConnectionInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }

    private sealed class ReceivedOn(ConcurrentBag<string> queues) : IReceiveObserver
    {
        public Task PreReceive(ReceiveContext context)
        {
            queues.Add(context.InputAddress.Segments[^1]);
            return Task.CompletedTask;
        }

        public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
            where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
            where T : class => Task.CompletedTask;

        public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
    }
}
