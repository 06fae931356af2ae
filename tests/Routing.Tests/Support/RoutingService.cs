using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Routing.Persistence;
using Platform.Testing;

namespace Platform.Routing.Tests.Support;

/// <summary>The real routing service (its <c>Program</c>) on the class's broker and database, with test settings.</summary>
public sealed class RoutingService : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ServiceFactory<Program> _factory;

    private RoutingService(ServiceFactory<Program> factory, HttpClient client)
    {
        _factory = factory;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<RoutingService> StartAsync(InfrastructureFixture infrastructure, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["ConnectionStrings:routing"] = infrastructure.PostgresConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Messaging:RetryIntervalsMs:0"] = "20",
            ["Messaging:RetryIntervalsMs:1"] = "100",
            ["Messaging:RetryIntervalsMs:2"] = "300",
            ["Routing:Bots:RetryDelayMs"] = "10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new ServiceFactory<Program>(all);
        var client = factory.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode, "routing is ready");
        return new RoutingService(factory, client);
    }

    public RoutingDbContext OpenDb() =>
        new(new DbContextOptionsBuilder<RoutingDbContext>().UseNpgsql(_factory.Services.GetRequiredService<RoutingDbContext>().Database.GetConnectionString()).Options);

    public async Task<T> GetAsync<T>(string path)
    {
        var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
