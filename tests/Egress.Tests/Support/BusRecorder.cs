using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Messaging;

namespace Platform.Egress.Tests.Support;

/// <summary>Another service on the real broker: records what egress publishes, and publishes what others would.</summary>
public sealed class BusRecorder : IAsyncDisposable
{
    private readonly IHost host;

    private BusRecorder(IHost host) => this.host = host;

    public ConcurrentQueue<object> Received { get; } = new();

    public IBus Bus => host.Services.GetRequiredService<IBus>();

    public static async Task<BusRecorder> StartAsync(string rabbitMqConnectionString)
    {
        BusRecorder? recorder = null;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitMqConnectionString;
        builder.Services.AddSingleton(_ => recorder!);
        builder.AddMessaging("EgressTestsRecorder", bus =>
        {
            bus.AddConsumer<Recording<OutboundMessageStatusChanged>>();
            bus.AddConsumer<Recording<ChannelProfileFetched>>();
            bus.AddConsumer<Recording<ChannelProfileFetchFailed>>();
            bus.AddConsumer<Recording<SinchAppConnected>>();
            bus.AddConsumer<Recording<SinchAppDisconnected>>();
            bus.AddConsumer<Recording<InboundMessageReceived>>();
        });
        recorder = new BusRecorder(builder.Build());
        await recorder.host.StartAsync();
        await Platform.Testing.Eventually.TrueAsync(
            () => Task.FromResult(recorder.host.Services.GetRequiredService<IBusControl>().CheckHealth().Status == BusHealthStatus.Healthy),
            "the recorder's queues are bound and consuming");
        return recorder;
    }

    public IEnumerable<T> Of<T>() => Received.OfType<T>();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    private sealed class Recording<T>(BusRecorder recorder) : IConsumer<T>
        where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            recorder.Received.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
