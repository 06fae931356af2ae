using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging;

namespace Platform.Benchmarks.Support;

/// <summary>
/// The yardstick next to a chain of services: a bare MassTransit publish → consume → publish → consume round trip on
/// the same broker, with the platform's bus settings (<c>AddMessaging</c>) and nothing else.
/// </summary>
internal sealed class BareRoundTrip : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource> Waiting = new();
    private readonly IHost _host;

    private BareRoundTrip(IHost host) => _host = host;

    public static async Task<BareRoundTrip> StartAsync(string rabbitMq, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitMq;
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddMessaging("BareRoundTrip", bus =>
        {
            bus.AddConsumer<BenchPingConsumer>();
            bus.AddConsumer<BenchPongConsumer>();
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new BareRoundTrip(host);
    }

    /// <summary>One round trip; false when it did not come back within 30 s.</summary>
    public async Task<bool> RoundTripAsync(CancellationToken cancellationToken)
    {
        var id = NewId.NextGuid();
        var answered = Waiting[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _host.Services.GetRequiredService<IBus>().Publish(new BenchPing { Id = id }, cancellationToken);
            await answered.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            Waiting.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private sealed class BenchPingConsumer : IConsumer<BenchPing>
    {
        public Task Consume(ConsumeContext<BenchPing> context) => context.Publish(new BenchPong { Id = context.Message.Id });
    }

    private sealed class BenchPongConsumer : IConsumer<BenchPong>
    {
        public Task Consume(ConsumeContext<BenchPong> context)
        {
            if (Waiting.TryGetValue(context.Message.Id, out var answered))
            {
                answered.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>The bare round trip's request.</summary>
public sealed record BenchPing
{
    public required Guid Id { get; init; }
}

/// <summary>The bare round trip's answer.</summary>
public sealed record BenchPong
{
    public required Guid Id { get; init; }
}
