extern alias emulator;
extern alias ingress;

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Egress.Sinch;
using Platform.Testing;
using EmulatorProgram = emulator::Program;
using IngressProgram = ingress::Program;

namespace Platform.Egress.Tests.Support;

/// <summary>
/// Egress as it runs, against the Sinch emulator: real RabbitMQ and PostgreSQL, ingress receiving the emulator's
/// signed callbacks (so delivery reports and inbound messages come back over the bus), and the emulator's app
/// connected through egress's own API at start. The emulator's regions: <c>us</c> and <c>eu</c> are served under
/// <c>/regions/…</c>, <c>br</c> points at a port nobody listens on.
/// </summary>
public sealed class EgressPlatform : IAsyncLifetime
{
    public const string ProjectId = "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b";
    public const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
    public const string EuAppId = "01JEUAPP00000000000000EU01";
    public const string SpareAppId = "01JSPARE000000000000000001";
    public const string KeyId = "emulator-key-id";
    public const string KeySecret = "emulator-key-secret";

    public static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly InfrastructureFixture infrastructure = new();
    private ServiceFactory<EmulatorProgram>? emulator;
    private ServiceFactory<IngressProgram>? ingress;
    private WebApplicationFactory<Program>? egress;

    public SinchCallHook Hook { get; } = new();

    public HttpClient Emulator { get; private set; } = null!;

    public HttpClient Egress { get; private set; } = null!;

    public HttpClient Ingress { get; private set; } = null!;

    public BusRecorder Bus { get; private set; } = null!;

    public string PostgresConnectionString => infrastructure.PostgresConnectionString;

    public SinchTokenCache Tokens => egress!.Services.GetRequiredService<SinchTokenCache>();

    public Uri IngressAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        Bus = await BusRecorder.StartAsync(infrastructure.RabbitMqConnectionString);

        emulator = new ServiceFactory<EmulatorProgram>(new Dictionary<string, string?>
        {
            ["Emulator:Apps:0:Channels:3:Channel"] = "MMS",
            ["Emulator:Apps:0:Channels:3:ClaimedIdentity"] = "15550001111",
            ["Emulator:Apps:0:Channels:4:Channel"] = "INSTAGRAM",
            ["Emulator:Apps:0:Channels:4:ClaimedIdentity"] = "17840000000",
            ["Emulator:Apps:1:Id"] = EuAppId,
            ["Emulator:Apps:1:Region"] = "eu",
            ["Emulator:Apps:1:Channels:0:Channel"] = "SMS",
            ["Emulator:Apps:2:Id"] = SpareAppId,
            ["Emulator:Apps:2:Channels:0:Channel"] = "SMS",
            ["Emulator:Callbacks:InitialBackoffMilliseconds"] = "50",
            ["Emulator:Callbacks:MaxBackoffMilliseconds"] = "500",
            ["Emulator:Callbacks:MaxAttempts"] = "50",
        });
        var emulatorAddress = emulator.StartOnLoopback();
        Emulator = new HttpClient { BaseAddress = emulatorAddress };

        ingress = new ServiceFactory<IngressProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["Ingress:WebhookSecretsKey"] = EgressTestSettings.WebhookSecretsKey,
        });
        IngressAddress = ingress.StartOnLoopback();
        Ingress = new HttpClient { BaseAddress = IngressAddress };

        var token = new Uri(emulatorAddress, "/oauth2/token").ToString();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["ConnectionStrings:egress"] = infrastructure.PostgresConnectionString,
            ["Egress:Apps:CredentialsKey"] = EgressTestSettings.CredentialsKey,
            ["Egress:Apps:WebhookSecretsKey"] = EgressTestSettings.WebhookSecretsKey,
            ["Egress:Apps:WebhookBaseUrl"] = IngressAddress.ToString(),
            ["Egress:Outbound:InitialRetryDelayMs"] = "100",
            ["Messaging:RedeliveryIntervalsSeconds:0"] = "1",
            ["Messaging:RedeliveryIntervalsSeconds:1"] = "2",
            ["Sinch:Regions:us:ConversationApiUrl"] = new Uri(emulatorAddress, "/regions/us/").ToString(),
            ["Sinch:Regions:us:TokenUrl"] = token,
            ["Sinch:Regions:eu:ConversationApiUrl"] = new Uri(emulatorAddress, "/regions/eu/").ToString(),
            ["Sinch:Regions:eu:TokenUrl"] = token,
            ["Sinch:Regions:br:ConversationApiUrl"] = "http://127.0.0.1:9/",
            ["Sinch:Regions:br:TokenUrl"] = token,
            ["Sinch:TimeoutSeconds"] = "5",
        };
        egress = new ServiceFactory<Program>(settings).WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddHttpClient<SinchClient>().AddHttpMessageHandler(() => Hook)));
        Egress = egress.CreateClient();

        using var connected = await ConnectAsync(AppId, "us");
        if (!connected.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Connecting the emulator's app failed: {await connected.Content.ReadAsStringAsync()}");
        }
    }

    public Task<HttpResponseMessage> ConnectAsync(string appId, string region, string keySecret = KeySecret) =>
        Egress.PostAsJsonAsync(new Uri("/api/egress/apps", UriKind.Relative), new
        {
            projectId = ProjectId,
            appId,
            clientId = KeyId,
            clientSecret = keySecret,
            region,
        });

    public async Task<JsonNode> EmulatorJsonAsync(string path)
    {
        var text = await Emulator.GetStringAsync(new Uri(path, UriKind.Relative));
        return JsonNode.Parse(text)!;
    }

    public async Task ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri($"/emulator/{path}", UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Emulator.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Acts as a customer; returns the emulator's ids (message, contact, conversation).</summary>
    public async Task<JsonNode> CustomerAsync(string action, object request)
    {
        using var response = await Emulator.PostAsJsonAsync(new Uri($"/emulator/customers/{action}", UriKind.Relative), request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The <c>messages:send</c> calls Sinch received with this outbound id as metadata.</summary>
    public async Task<IReadOnlyList<JsonNode>> SendsOfAsync(Guid outboundMessageId)
    {
        var requests = (await EmulatorJsonAsync("/emulator/requests?path_contains=messages:send&method=POST")).AsArray();
        var marker = outboundMessageId.ToString("N");
        return [.. requests.Where(r => r!["body"]?.GetValue<string>()?.Contains(marker, StringComparison.Ordinal) == true).Select(r => r!)];
    }

    public async Task DisposeAsync()
    {
        Egress?.Dispose();
        Ingress?.Dispose();
        Emulator?.Dispose();
        if (egress is not null)
        {
            await egress.DisposeAsync();
        }

        if (ingress is not null)
        {
            await ingress.DisposeAsync();
        }

        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }

        if (Bus is not null)
        {
            await Bus.DisposeAsync();
        }

        await infrastructure.DisposeAsync();
    }
}
