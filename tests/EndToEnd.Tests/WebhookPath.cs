extern alias emulator;
extern alias gateway;
extern alias ingress;

using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Platform.Testing;
using EmulatorProgram = emulator::Program;
using GatewayProgram = gateway::Program;
using IngressProgram = ingress::Program;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The webhook edge as it runs: the Sinch emulator (acting as customers) posts signed callbacks to the gateway, which
/// forwards them to ingress, which publishes to the real RabbitMQ where another service's queue receives them.
/// Ingress reaches the broker through a <see cref="BrokerProxy"/> so a test can take the broker away from it alone.
/// </summary>
public sealed class WebhookPath : IAsyncLifetime
{
    public const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
    private const string WebhookSecret = "end-to-end-webhook-secret";
    private readonly InfrastructureFixture infrastructure = new();
    private ServiceFactory<IngressProgram>? ingress;
    private ServiceFactory<GatewayProgram>? gateway;
    private ServiceFactory<EmulatorProgram>? emulator;

    public BrokerProxy IngressBroker { get; private set; } = null!;

    public BusRecorder Bus { get; private set; } = null!;

    public HttpClient Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        Bus = await BusRecorder.StartAsync(infrastructure.RabbitMqConnectionString);
        IngressBroker = infrastructure.StartBrokerProxy();

        ingress = new ServiceFactory<IngressProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = IngressBroker.ConnectionString,
            [$"Ingress:Apps:{AppId}:WebhookSecret"] = WebhookSecret,
            ["Ingress:PublishTimeoutMs"] = "2000",
        });
        var ingressAddress = ingress.StartOnLoopback();

        gateway = new ServiceFactory<GatewayProgram>(new Dictionary<string, string?>
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("unused"))),
            ["ReverseProxy:Clusters:ingress:Destinations:primary:Address"] = ingressAddress.ToString(),
        });
        var gatewayAddress = gateway.StartOnLoopback();

        emulator = new ServiceFactory<EmulatorProgram>(new Dictionary<string, string?>
        {
            ["Emulator:Apps:0:Webhooks:0:Target"] = new Uri(gatewayAddress, $"/webhooks/sinch/{AppId}").ToString(),
            ["Emulator:Apps:0:Webhooks:0:Secret"] = WebhookSecret,
            ["Emulator:Callbacks:InitialBackoffMilliseconds"] = "100",
            ["Emulator:Callbacks:MaxBackoffMilliseconds"] = "500",
            ["Emulator:Callbacks:MaxAttempts"] = "100",
        });
        Emulator = emulator.CreateClient();
    }

    /// <summary>Acts as a customer through the emulator's control API; returns Sinch's ids for what was sent.</summary>
    public async Task<CustomerAction> CustomerAsync(string action, object request)
    {
        using var response = await Emulator.PostAsJsonAsync(new Uri($"/emulator/customers/{action}", UriKind.Relative), request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CustomerAction>())!;
    }

    public async Task DisposeAsync()
    {
        Emulator?.Dispose();
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }

        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        if (ingress is not null)
        {
            await ingress.DisposeAsync();
        }

        if (Bus is not null)
        {
            await Bus.DisposeAsync();
        }

        await infrastructure.DisposeAsync();
    }
}

/// <summary>The emulator's answer to a customer action (snake_case on the wire).</summary>
public sealed record CustomerAction(
    [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
    [property: System.Text.Json.Serialization.JsonPropertyName("contact_id")] string ContactId,
    [property: System.Text.Json.Serialization.JsonPropertyName("conversation_id")] string ConversationId,
    [property: System.Text.Json.Serialization.JsonPropertyName("media_url")] string? MediaUrl);
