using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.DurableMessaging;
using Platform.Messaging;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>
/// One replica of a service as the real ones are wired: <c>AddMessaging</c> (RabbitMQ, retry, redelivery, delay guard)
/// plus the durable messaging blocks the test registers, on its own DbContext.
/// </summary>
public static class DurableHost
{
    public static async Task<RunningHost> StartAsync(
        string rabbitMq,
        string postgres,
        string serviceName,
        Action<IBusRegistrationConfigurator> configure,
        Action<IServiceCollection>? services = null,
        int concurrentMessageLimit = 8,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
            ["Messaging:ConcurrentMessageLimit"] = concurrentMessageLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // Quiet by default; DURABLE_TEST_LOGS=1 shows warnings when a test needs explaining.
        if (Environment.GetEnvironmentVariable("DURABLE_TEST_LOGS") == "1")
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        // Publishing right after start must find the queues bound, or the message is dropped by the exchange.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        // As services register it: pooled, with their Npgsql settings.
        builder.Services.AddServiceDbContext<DurableTestDbContext>(postgres);
        services?.Invoke(builder.Services);
        builder.AddMessaging(serviceName, configure);
        var host = builder.Build();
        await host.StartAsync();
        return new RunningHost(host);
    }

    /// <summary>A started host that stops (gracefully) when disposed.</summary>
    public sealed class RunningHost(IHost host) : IAsyncDisposable
    {
        private bool _stopped;

        public IServiceProvider Services => host.Services;

        public async Task StopAsync()
        {
            if (!_stopped)
            {
                _stopped = true;
                await host.StopAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            host.Dispose();
        }
    }

    /// <summary>Counts what a test consumer saw, by key.</summary>
    public sealed class Received<T>
    {
        private readonly List<(T Message, DateTime At)> _items = [];

        public void Add(T message)
        {
            lock (_items)
            {
                _items.Add((message, DateTime.UtcNow));
            }
        }

        public IReadOnlyList<(T Message, DateTime At)> Items
        {
            get
            {
                lock (_items)
                {
                    return [.. _items];
                }
            }
        }
    }
}
