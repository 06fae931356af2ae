using System.Collections.Concurrent;
using MassTransit;
using Platform.Messaging;

namespace Platform.Ingress.Tests.Webhooks;

/// <summary>
/// A second MassTransit bus, connected straight to the test's virtual host (not through any proxy), that records every
/// ingress event it receives together with its bus message id.
/// </summary>
internal sealed class BusListener : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> _received = new();

    private BusListener(string connectionString)
    {
        var broker = RabbitMqAddress.Parse(connectionString);
        _bus = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(broker.ToMassTransitHostAddress(), h =>
            {
                h.Username(broker.Username);
                h.Password(broker.Password);
            });
            bus.ReceiveEndpoint($"ingress-tests-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                Record<Contracts.InboundMessageReceived>(e);
                Record<Contracts.ConsentChangeReported>(e);
                Record<Contracts.DeliveryReportReceived>(e);
            });
        });
    }

    public static async Task<BusListener> StartAsync(string connectionString)
    {
        var listener = new BusListener(connectionString);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await listener._bus.StartAsync(timeout.Token);
        return listener;
    }

    public IReadOnlyList<(Guid? MessageId, T Message)> Received<T>() =>
        _received.Where(r => r.Message is T).Select(r => (r.MessageId, (T)r.Message)).ToList();

    public ValueTask DisposeAsync() => new(_bus.StopAsync());

    private void Record<T>(IReceiveEndpointConfigurator endpoint)
        where T : class =>
        endpoint.Handler<T>(context =>
        {
            _received.Enqueue((context.MessageId, context.Message));
            return Task.CompletedTask;
        });
}
