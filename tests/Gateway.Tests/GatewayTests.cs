using Platform.Testing;

namespace Platform.Gateway.Tests;

public sealed class GatewayTests : IAsyncLifetime
{
    private static readonly string[] ServiceNames = ["ingress", "contact", "routing", "media", "egress"];
    private readonly Dictionary<string, FakeService> services = [];
    private ServiceFactory<Program> gateway = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var name in ServiceNames)
        {
            services[name] = await FakeService.StartAsync(name);
            settings[$"ReverseProxy:Clusters:{name}:Destinations:primary:Address"] = services[name].Address.ToString();
        }

        gateway = new ServiceFactory<Program>(settings);
        client = gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await gateway.DisposeAsync();
        foreach (var service in services.Values)
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Aggregated_readiness_reports_every_service_healthy()
    {
        var readiness = await ReadinessProbe.ReadAsync(client);

        Assert.Equal(200, readiness.HttpStatus);
        Assert.All(ServiceNames, name => Assert.Equal("Healthy", readiness.Check(name)));
    }

    [Fact]
    public async Task Aggregated_readiness_fails_and_names_the_service_that_is_not_ready()
    {
        services["media"].Ready = false;

        var readiness = await ReadinessProbe.ReadAsync(client);

        Assert.Equal(503, readiness.HttpStatus);
        Assert.Equal("Unhealthy", readiness.Check("media"));
        Assert.Equal("Healthy", readiness.Check("routing"));
    }

    [Fact]
    public async Task Aggregated_readiness_fails_when_a_service_is_unreachable()
    {
        services.Remove("egress", out var egress);
        await egress!.DisposeAsync();

        var readiness = await ReadinessProbe.ReadAsync(client);

        Assert.Equal(503, readiness.HttpStatus);
        Assert.Equal("Unhealthy", readiness.Check("egress"));
    }

    [Theory]
    [InlineData("/webhooks/sinch/01JAPP7Q9M2K4W6X8Y0Z1B3C5D", "ingress")]
    [InlineData("/api/ingress/stats", "ingress")]
    [InlineData("/api/contact/contacts/42?expand=identities", "contact")]
    [InlineData("/api/routing/queues", "routing")]
    [InlineData("/api/media/items/7", "media")]
    [InlineData("/api/egress/apps", "egress")]
    public async Task Public_paths_are_forwarded_unchanged_to_their_service(string path, string service)
    {
        var body = await client.GetStringAsync(new Uri(path, UriKind.Relative));

        Assert.Equal($"{service} GET {path}", body);
    }

    [Fact]
    public async Task Unknown_paths_get_a_problem_details_404()
    {
        using var response = await client.GetAsync(new Uri("/api/unknown/things", UriKind.Relative));

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
