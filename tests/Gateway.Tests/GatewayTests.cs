using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Platform.Testing;

namespace Platform.Gateway.Tests;

public sealed class GatewayTests : IAsyncLifetime
{
    private const string ApiKey = "test-api-key-7f3a9c";
    private static readonly string[] ServiceNames = ["ingress", "contact", "routing", "media", "egress", "console"];
    private readonly Dictionary<string, FakeService> services = [];
    private ServiceFactory<Program> gateway = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            // A route someone adds without naming a policy.
            ["ReverseProxy:Routes:added-later:ClusterId"] = "contact",
            ["ReverseProxy:Routes:added-later:Match:Path"] = "/added-later/{**rest}",
        };
        foreach (var name in ServiceNames)
        {
            services[name] = await FakeService.StartAsync(name);
            settings[$"ReverseProxy:Clusters:{name}:Destinations:primary:Address"] = services[name].Address.ToString();
        }

        gateway = new ServiceFactory<Program>(settings);
        client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
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
    [InlineData("/console/index.html", "console")]
    public async Task Public_paths_are_forwarded_unchanged_to_their_service(string path, string service)
    {
        var body = await client.GetStringAsync(new Uri(path, UriKind.Relative));

        // Webhooks keep their headers (Sinch may authenticate with its own bearer token); the API key never passes.
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal($"{service} GET {path}", body);
        }
        else
        {
            Assert.StartsWith($"{service} GET {path}", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Api_calls_without_a_valid_key_are_rejected_with_401_problem_details(string? key)
    {
        using var anonymous = gateway.CreateClient();
        if (key is not null)
        {
            anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await anonymous.GetAsync(new Uri("/api/routing/queues", UriKind.Relative));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_route_configured_without_a_policy_is_closed_not_open()
    {
        using var anonymous = gateway.CreateClient();

        using var response = await anonymous.GetAsync(new Uri("/added-later/x", UriKind.Relative));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("contact GET /added-later/x", await client.GetStringAsync(new Uri("/added-later/x", UriKind.Relative)));
    }

    [Fact]
    public void A_raw_key_configured_instead_of_its_hash_stops_start_up_naming_the_setting()
    {
        using var misconfigured = new ServiceFactory<Program>(new Dictionary<string, string?>
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = ApiKey,
        });

        var error = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        Assert.Contains("Gateway:Authentication:ApiKeySha256:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_and_health_need_no_api_key()
    {
        using var anonymous = gateway.CreateClient();

        using var webhook = await anonymous.PostAsync(new Uri("/webhooks/sinch/app-1", UriKind.Relative), new StringContent("{}"));
        using var health = await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(200, (int)webhook.StatusCode);
        Assert.Equal(200, (int)health.StatusCode);
    }

    [Fact]
    public async Task The_console_needs_no_api_key_because_it_signs_people_in_itself()
    {
        using var anonymous = gateway.CreateClient();

        Assert.Equal("console GET /console/api/session", await anonymous.GetStringAsync(new Uri("/console/api/session", UriKind.Relative)));
    }

    [Fact]
    public async Task The_api_key_is_not_forwarded_to_services()
    {
        using var viaHeader = gateway.CreateClient();
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        Assert.Equal("contact GET /api/contact/contacts", await client.GetStringAsync(new Uri("/api/contact/contacts", UriKind.Relative)));
        Assert.Equal("contact GET /api/contact/contacts", await viaHeader.GetStringAsync(new Uri("/api/contact/contacts", UriKind.Relative)));
    }

    [Fact]
    public async Task Unknown_paths_get_a_problem_details_404()
    {
        using var response = await client.GetAsync(new Uri("/api/unknown/things", UriKind.Relative));

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
