using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Ingress.Tests;

/// <summary>
/// The real ingress <c>Program</c> in memory. Without a broker connection string it publishes to MassTransit's
/// in-memory test harness; with one (integration tests) to that RabbitMQ.
/// </summary>
internal sealed class IngressApp(
    IReadOnlyDictionary<string, string?>? settings = null,
    string? rabbitMq = null,
    Action<IBusRegistrationConfigurator>? harness = null)
    : WebApplicationFactory<Program>
{
    public static readonly Dictionary<string, string?> Defaults = new()
    {
        [$"Ingress:Apps:{CallbackSamples.AppId}:WebhookSecret"] = CallbackSamples.Secret,
        ["Ingress:MaxBodyBytes"] = "4096",
        ["Ingress:PublishTimeoutMs"] = "2000",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:Console:FormatterName"] = "simple",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq ?? "amqp://guest:guest@127.0.0.1:1/");
        foreach (var (key, value) in settings ?? Defaults)
        {
            builder.UseSetting(key, value);
        }

        if (rabbitMq is null)
        {
            builder.ConfigureTestServices(services => services.AddMassTransitTestHarness(harness ?? (_ => { })));
        }
    }

    /// <summary>Sums a counter of this host's <c>Platform</c> meter, by tag value, from the moment of the call.</summary>
    public CounterRecorder RecordCounter(string instrument) => new(Services.GetRequiredService<IMeterFactory>(), instrument);
}

internal sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _byTag = new(StringComparer.Ordinal);

    public CounterRecorder(IMeterFactory factory, string instrument)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Name == instrument && ReferenceEquals(i.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (_byTag)
            {
                foreach (var tag in tags)
                {
                    var key = $"{tag.Key}={tag.Value}";
                    _byTag[key] = _byTag.GetValueOrDefault(key) + value;
                }
            }
        });
        _listener.Start();
    }

    public long this[string tag]
    {
        get
        {
            lock (_byTag)
            {
                return _byTag.GetValueOrDefault(tag);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
