using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Messaging;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A downstream service stand-in on the real broker: binds its own queues to the events under test and records each
/// delivery with its message id, so tests assert what another service would really receive.
/// </summary>
public sealed class BusRecorder : IAsyncDisposable
{
    private readonly IHost host;

    private BusRecorder(IHost host) => this.host = host;

    public ConcurrentQueue<Received> Deliveries { get; } = new();

    public static async Task<BusRecorder> StartAsync(string rabbitMqConnectionString)
    {
        BusRecorder? recorder = null;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitMqConnectionString;
        builder.Services.AddSingleton(_ => recorder!);
        builder.AddMessaging("EndToEndRecorder", bus =>
        {
            bus.AddConsumer<Recording<InboundMessageReceived>>();
            bus.AddConsumer<Recording<ConsentChangeReported>>();
        });
        recorder = new BusRecorder(builder.Build());
        await recorder.host.StartAsync();
        await Platform.Testing.Eventually.TrueAsync(
            () => Task.FromResult(recorder.host.Services.GetRequiredService<IBusControl>().CheckHealth().Status == BusHealthStatus.Healthy),
            "the recorder's queues are bound and consuming");
        return recorder;
    }

    public IEnumerable<(Guid? MessageId, T Message)> Of<T>() where T : class =>
        Deliveries.Where(d => d.Message is T).Select(d => (d.MessageId, (T)d.Message));

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    public sealed record Received(Guid? MessageId, object Message);

    private sealed class Recording<T>(BusRecorder recorder) : IConsumer<T> where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            recorder.Deliveries.Enqueue(new Received(context.MessageId, context.Message));
            return Task.CompletedTask;
        }
    }
}
