using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Media.Tests.Support;

/// <summary>A second bus on the class's virtual host that records what media publishes for other services.</summary>
internal sealed class MediaBusListener : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<object> _received = new();

    private MediaBusListener(string connectionString)
    {
        var broker = RabbitMqAddress.Parse(connectionString);
        _bus = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(broker.ToMassTransitHostAddress(), h =>
            {
                h.Username(broker.Username);
                h.Password(broker.Password);
            });
            bus.ReceiveEndpoint($"media-tests-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                Record<MediaStored>(e);
                Record<MediaTransferFailed>(e);
                Record<MediaPublished>(e);
            });
        });
    }

    public static async Task<MediaBusListener> StartAsync(string connectionString)
    {
        var listener = new MediaBusListener(connectionString);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await listener._bus.StartAsync(timeout.Token);
        return listener;
    }

    public IReadOnlyList<T> Received<T>() => [.. _received.OfType<T>()];

    public Task<T> ArrivesAsync<T>(Func<T, bool> match, string what, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Received<T>().FirstOrDefault(match)), m => m is not null, what, timeout ?? TimeSpan.FromSeconds(60))!;

    public ValueTask DisposeAsync() => new(_bus.StopAsync());

    private void Record<T>(IReceiveEndpointConfigurator endpoint)
        where T : class =>
        endpoint.Handler<T>(context =>
        {
            _received.Enqueue(context.Message);
            return Task.CompletedTask;
        });
}
