extern alias egress;
extern alias emulator;
extern alias gateway;
extern alias ingress;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Platform.Testing;
using EgressProgram = egress::Program;
using EmulatorProgram = emulator::Program;
using GatewayProgram = gateway::Program;
using IngressProgram = ingress::Program;

namespace Platform.EndToEnd.Tests.Egress;

/// <summary>
/// The outbound path as it runs: API calls through the gateway to egress, egress to the Sinch emulator (every region),
/// the emulator's delivery reports to ingress (registered by egress as the app's webhook; the webhook path through the
/// gateway is proven by the Webhooks tests), and over the bus to egress. The emulator's app is connected through the
/// gateway and egress's API, as <c>./platform up</c> does.
/// </summary>
public sealed class OutboundPath : IAsyncLifetime
{
    public const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
    private const string ApiKey = "end-to-end-api-key";
    private const string WebhookSecretsKey = "end-to-end-webhook-secrets-key-0123456789";
    private readonly InfrastructureFixture infrastructure = new();
    private ServiceFactory<EmulatorProgram>? emulator;
    private ServiceFactory<IngressProgram>? ingress;
    private ServiceFactory<EgressProgram>? egress;
    private ServiceFactory<GatewayProgram>? gateway;

    public HttpClient Gateway { get; private set; } = null!;

    public HttpClient Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        emulator = new ServiceFactory<EmulatorProgram>(new Dictionary<string, string?>
        {
            ["Emulator:Callbacks:InitialBackoffMilliseconds"] = "100",
            ["Emulator:Callbacks:MaxBackoffMilliseconds"] = "500",
            ["Emulator:Callbacks:MaxAttempts"] = "100",
        });
        var emulatorAddress = emulator.StartOnLoopback();
        Emulator = new HttpClient { BaseAddress = emulatorAddress };

        ingress = new ServiceFactory<IngressProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["Ingress:WebhookSecretsKey"] = WebhookSecretsKey,
        });
        var ingressAddress = ingress.StartOnLoopback();

        var token = new Uri(emulatorAddress, "/oauth2/token").ToString();
        var egressSettings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["ConnectionStrings:egress"] = infrastructure.PostgresConnectionString,
            ["Egress:Apps:CredentialsKey"] = "end-to-end-credentials-key-0123456789abcdef",
            ["Egress:Apps:WebhookSecretsKey"] = WebhookSecretsKey,
            ["Egress:Apps:WebhookBaseUrl"] = ingressAddress.ToString(),
        };
        foreach (var region in new[] { "us", "eu", "br" })
        {
            egressSettings[$"Sinch:Regions:{region}:ConversationApiUrl"] = new Uri(emulatorAddress, $"/regions/{region}/").ToString();
            egressSettings[$"Sinch:Regions:{region}:TokenUrl"] = token;
        }

        egress = new ServiceFactory<EgressProgram>(egressSettings);
        var egressAddress = egress.StartOnLoopback();

        gateway = new ServiceFactory<GatewayProgram>(new Dictionary<string, string?>
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["ReverseProxy:Clusters:ingress:Destinations:primary:Address"] = ingressAddress.ToString(),
            ["ReverseProxy:Clusters:egress:Destinations:primary:Address"] = egressAddress.ToString(),
        });
        Gateway = new HttpClient { BaseAddress = gateway.StartOnLoopback() };
        Gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        using var connected = await Gateway.PostAsJsonAsync(new Uri("/api/egress/apps", UriKind.Relative), new
        {
            projectId = "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b",
            appId = AppId,
            clientId = "emulator-key-id",
            clientSecret = "emulator-key-secret",
            region = "us",
        });
        if (!connected.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Connecting the emulator's app failed: {await connected.Content.ReadAsStringAsync()}");
        }
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        Emulator?.Dispose();
        foreach (var host in new IAsyncDisposable?[] { gateway, egress, ingress, emulator })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        await infrastructure.DisposeAsync();
    }
}
