extern alias contact;
extern alias emulator;
extern alias gateway;
extern alias ingress;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Platform.Testing;
using ContactProgram = contact::Program;
using EmulatorProgram = emulator::Program;
using GatewayProgram = gateway::Program;
using IngressProgram = ingress::Program;

namespace Platform.EndToEnd.Tests.Contact;

/// <summary>
/// The inbound path up to contact, as it runs: the Sinch emulator (customers and the business's sends) posts signed
/// callbacks through the gateway to ingress, ingress publishes to the real RabbitMQ, the real contact service
/// resolves them into its own PostgreSQL database, and its API answers through the gateway with an API key.
/// </summary>
public sealed class ContactPath : IAsyncLifetime
{
    public const string AppId = WebhookPath.AppId;
    public const string ProjectId = "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b";
    private const string WebhookSecret = "end-to-end-contact-webhook-secret";
    private const string ApiKey = "end-to-end-contact-api-key";
    private readonly InfrastructureFixture infrastructure = new();
    private readonly List<IAsyncDisposable> hosts = [];

    public HttpClient Emulator { get; private set; } = null!;

    /// <summary>The gateway, with the API key already on every request.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        var ingressAddress = Start(new ServiceFactory<IngressProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            [$"Ingress:Apps:{AppId}:WebhookSecret"] = WebhookSecret,
        }));
        var contact = new ServiceFactory<ContactProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["ConnectionStrings:contact"] = infrastructure.PostgresConnectionString,
        });
        var contactAddress = Start(contact);
        using (var probe = contact.CreateClient())
        {
            await ReadinessProbe.WaitUntilAsync(probe, r => r.HttpStatus == 200, "contact consumes from the broker");
        }

        var gatewayAddress = Start(new ServiceFactory<GatewayProgram>(new Dictionary<string, string?>
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["ReverseProxy:Clusters:ingress:Destinations:primary:Address"] = ingressAddress.ToString(),
            ["ReverseProxy:Clusters:contact:Destinations:primary:Address"] = contactAddress.ToString(),
        }));
        Gateway = new HttpClient { BaseAddress = gatewayAddress };
        Gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        var emulator = new ServiceFactory<EmulatorProgram>(new Dictionary<string, string?>
        {
            ["Emulator:Apps:0:Webhooks:0:Target"] = new Uri(gatewayAddress, $"/webhooks/sinch/{AppId}").ToString(),
            ["Emulator:Apps:0:Webhooks:0:Secret"] = WebhookSecret,
            ["Emulator:Callbacks:InitialBackoffMilliseconds"] = "100",
            ["Emulator:Callbacks:MaxBackoffMilliseconds"] = "500",
        });
        hosts.Add(emulator);
        Emulator = emulator.CreateClient();
    }

    /// <summary>Acts as a customer through the emulator's control API.</summary>
    public async Task<CustomerAction> CustomerAsync(string action, object request)
    {
        using var response = await Emulator.PostAsJsonAsync(new Uri($"/emulator/customers/{action}", UriKind.Relative), request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CustomerAction>())!;
    }

    /// <summary>Sends as the business through the emulated Conversation API (Basic auth with the emulator's access key).</summary>
    public async Task BusinessSendsAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v1/projects/{ProjectId}/messages:send", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("emulator-key-id:emulator-key-secret"u8.ToArray()));
        using var response = await Emulator.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Emulator?.Dispose();
        Gateway?.Dispose();
        foreach (var host in Enumerable.Reverse(hosts))
        {
            await host.DisposeAsync();
        }

        await infrastructure.DisposeAsync();
    }

    private Uri Start<TProgram>(ServiceFactory<TProgram> host)
        where TProgram : class
    {
        hosts.Add(host);
        return host.StartOnLoopback();
    }
}
