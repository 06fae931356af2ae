using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Testing;

namespace Platform.Media.Tests.Support;

/// <summary>
/// The real media <c>Program</c> on the class's RabbitMQ virtual host and database, with its storage in a folder the
/// test owns (so a second instance over the same folder and database is "media after a restart").
/// </summary>
internal sealed class MediaApp(
    InfrastructureFixture infrastructure,
    string storageRoot,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public static Dictionary<string, string?> Defaults(string? database = null) => new()
    {
        ["Media:Downloads:AllowedNetworks:0"] = "127.0.0.1/32",
        ["Media:Downloads:RetryDelaysSeconds:0"] = "1",
        ["Media:Downloads:ResponseTimeoutSeconds"] = "10",
        ["Messaging:RedeliveryIntervalsSeconds:0"] = "1",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:Console:FormatterName"] = "simple",
    };

    public static string NewStorageRoot() => Path.Combine(Path.GetTempPath(), "media-tests", Guid.NewGuid().ToString("N"));

    public string StorageRoot => storageRoot;

    /// <summary><see cref="StartOnLoopback"/> off the test's async flow (see <see cref="StartAsync"/>).</summary>
    public Task<Uri> StartOnLoopbackAsync() => Task.Run(() =>
    {
        LogContext.Current = null;
        return StartOnLoopback();
    });

    /// <summary>Serves on a free loopback port (for callers outside this process: the emulator); returns its address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:rabbitmq", infrastructure.RabbitMqConnectionString);
        builder.UseSetting("ConnectionStrings:media", infrastructure.PostgresConnectionString);
        builder.UseSetting("Media:Storage:Root", storageRoot);
        foreach (var (key, value) in settings ?? Defaults())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(s =>
        {
            // Publishing right after start must find the queues bound, or the exchange drops the message.
            s.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
            s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
            services?.Invoke(s);
        });
    }

    /// <summary>
    /// Starts the host off the test's async flow: MassTransit keeps its log context in an <c>AsyncLocal</c>, and one
    /// set while a first instance started synchronously would leak into the next instance of the same test (after a
    /// "restart") with that first instance's disposed logger factory.
    /// </summary>
    public async Task<MediaApp> StartAsync()
    {
        await Task.Run(() =>
        {
            LogContext.Current = null;
            _ = Services;
        });
        return this;
    }

    /// <summary>Publishes as another service would (through the app's own bus, so through RabbitMQ).</summary>
    public Task PublishAsync<T>(T message)
        where T : class =>
        Task.Run(() => Services.GetRequiredService<IBus>().Publish(message));
}
