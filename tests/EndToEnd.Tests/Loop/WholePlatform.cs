extern alias console;
extern alias contact;
extern alias demobot;
extern alias egress;
extern alias emulator;
extern alias gateway;
extern alias ingress;
extern alias media;
extern alias routing;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Platform.Testing;
using ConsoleProgram = console::Program;
using ContactProgram = contact::Program;
using DemoBotProgram = demobot::Program;
using EgressProgram = egress::Program;
using EmulatorProgram = emulator::Program;
using GatewayProgram = gateway::Program;
using IngressProgram = ingress::Program;
using MediaProgram = media::Program;
using RoutingProgram = routing::Program;

namespace Platform.EndToEnd.Tests.Loop;

/// <summary>
/// Every service at once, as <c>./platform up</c> runs them: the emulator's customers post through the gateway to
/// ingress; contact, routing (with the demo bot), media and egress each on their own database; egress connected to
/// the emulator's app through the gateway's API (its webhook points at the gateway), so a reply goes back to the
/// emulator and its delivery reports come back the same way. Spans of every service are recorded in-process.
/// </summary>
public sealed class WholePlatform : IAsyncLifetime
{
    /// <summary>The tests that share one running platform (one at a time: eight hosts are a lot for two cores).</summary>
    public const string Collection = "whole platform";

    public const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
    private const string ApiKey = "end-to-end-whole-platform-key";

    /// <summary>The console's own key, as under ./platform up: its calls and the tests' polling have separate budgets.</summary>
    private const string ConsoleApiKey = "end-to-end-console-key";
    private const string WebhookSecretsKey = "end-to-end-webhook-secrets-key-0123456789";
    private const string BotSecret = "end-to-end-demo-bot-secret-0123";
    private readonly InfrastructureFixture infrastructure = new();
    private readonly List<IAsyncDisposable> hosts = [];
    private readonly string storageRoot = Path.Combine(Path.GetTempPath(), $"platform-e2e-media-{Guid.NewGuid():N}");
    private TracerProvider? tracing;
    private Dictionary<string, string?> routingSettings = [];
    private ServiceFactory<RoutingProgram>? routingHost;
    private int routingPort;

    /// <summary>A second emulated app (region eu, not connected at start) for the console's Channels page.</summary>
    public const string ConsoleAppId = "01JCONSOLEAPP0000000000000";
    public const string ConsoleAdminUserName = "admin";
    public const string ConsoleAdminPassword = "end-to-end-admin-password";

    public HttpClient Emulator { get; private set; } = null!;

    /// <summary>The console's page through the gateway, as people open it.</summary>
    public Uri ConsoleUrl { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>Routing's database (to look behind the API while routing is stopped).</summary>
    public string RoutingDatabase { get; private set; } = "";

    /// <summary>Every span that ended in this process while the platform ran (all services share the process).</summary>
    public ConcurrentQueue<Activity> Spans { get; } = new();

    public async Task InitializeAsync()
    {
        // One listener for the whole process: the services only export traces when a collector is named, but their
        // activity sources (ASP.NET Core, HttpClient, MassTransit, Npgsql) report to any listener.
        tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("*")
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new SpanRecorder(Spans))
            .Build();
        await infrastructure.InitializeAsync();
        var broker = infrastructure.RabbitMqConnectionString;
        var gatewayPort = FreePort();
        var gatewayUrl = $"http://127.0.0.1:{gatewayPort}/";

        var emulatorAddress = await StartAsync(new ServiceFactory<EmulatorProgram>(new Dictionary<string, string?>
        {
            ["Emulator:Callbacks:InitialBackoffMilliseconds"] = "100",
            ["Emulator:Callbacks:MaxBackoffMilliseconds"] = "500",
            ["Emulator:Callbacks:MaxAttempts"] = "100",
            ["Emulator:Apps:1:Id"] = ConsoleAppId,
            ["Emulator:Apps:1:DisplayName"] = "Console test app",
            ["Emulator:Apps:1:Region"] = "eu",
            ["Emulator:Apps:1:Channels:0:Channel"] = "WHATSAPP",
            ["Emulator:Apps:1:Channels:0:ClaimedIdentity"] = "46709870000",
            ["Emulator:Apps:1:Channels:0:Token"] = "console-wa-token",
            ["Emulator:Apps:1:Channels:1:Channel"] = "SMS",
            ["Emulator:Apps:1:Channels:1:ClaimedIdentity"] = "46709870000",
            ["Emulator:Apps:1:Channels:1:Token"] = "console-sms-token",
        }));
        Emulator = new HttpClient { BaseAddress = emulatorAddress };
        var botAddress = await StartAsync(new ServiceFactory<DemoBotProgram>(new Dictionary<string, string?> { ["DemoBot:Secret"] = BotSecret }));

        var ingress = await StartAsync(new ServiceFactory<IngressProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = broker,
            ["Ingress:WebhookSecretsKey"] = WebhookSecretsKey,
        }));
        var contact = await StartAsync(new ServiceFactory<ContactProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = broker,
            ["ConnectionStrings:contact"] = await infrastructure.CreateDatabaseAsync(),
        }));
        RoutingDatabase = await infrastructure.CreateDatabaseAsync();
        routingSettings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = broker,
            ["ConnectionStrings:routing"] = RoutingDatabase,
            ["Routing:DefaultBot:Url"] = new Uri(botAddress, "/bot").ToString(),
            ["Routing:DefaultBot:Secret"] = BotSecret,
        };
        routingHost = new ServiceFactory<RoutingProgram>(routingSettings);
        var routing = await StartAsync(routingHost);
        routingPort = routing.Port;
        var media = await StartAsync(new ServiceFactory<MediaProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = broker,
            ["ConnectionStrings:media"] = await infrastructure.CreateDatabaseAsync(),
            ["Media:Storage:Root"] = storageRoot,
            ["Media:Downloads:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Media:Uploads:PublicBaseUrl"] = gatewayUrl,
        }));
        var egressSettings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = broker,
            ["ConnectionStrings:egress"] = await infrastructure.CreateDatabaseAsync(),
            ["Egress:Apps:CredentialsKey"] = "end-to-end-credentials-key-0123456789abcdef",
            ["Egress:Apps:WebhookSecretsKey"] = WebhookSecretsKey,
            ["Egress:Apps:WebhookBaseUrl"] = gatewayUrl,
        };
        foreach (var region in new[] { "us", "eu", "br" })
        {
            egressSettings[$"Sinch:Regions:{region}:ConversationApiUrl"] = new Uri(emulatorAddress, $"/regions/{region}/").ToString();
            egressSettings[$"Sinch:Regions:{region}:TokenUrl"] = new Uri(emulatorAddress, "/oauth2/token").ToString();
        }

        var egress = await StartAsync(new ServiceFactory<EgressProgram>(egressSettings));

        var console = await StartAsync(new ServiceFactory<ConsoleProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:console"] = await infrastructure.CreateDatabaseAsync(),
            ["Console:Platform:BaseUrl"] = gatewayUrl,
            ["Console:Platform:ApiKey"] = ConsoleApiKey,
            ["Console:InitialAdmin:UserName"] = ConsoleAdminUserName,
            ["Console:InitialAdmin:Password"] = ConsoleAdminPassword,
        }));

        var gateway = new ServiceFactory<GatewayProgram>(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:console:Destinations:primary:Address"] = console.ToString(),
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["Gateway:Authentication:ApiKeySha256:1"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ConsoleApiKey))),
            // The tests poll the API to their deadlines for minutes on one key; the edge limit is the gateway tests' subject.
            ["Gateway:RateLimits:ApiPermitsPerWindow"] = "100000",
            ["ReverseProxy:Clusters:ingress:Destinations:primary:Address"] = ingress.ToString(),
            ["ReverseProxy:Clusters:contact:Destinations:primary:Address"] = contact.ToString(),
            ["ReverseProxy:Clusters:routing:Destinations:primary:Address"] = routing.ToString(),
            ["ReverseProxy:Clusters:media:Destinations:primary:Address"] = media.ToString(),
            ["ReverseProxy:Clusters:egress:Destinations:primary:Address"] = egress.ToString(),
        });
        hosts.Add(gateway);
        await Task.Run(() =>
        {
            gateway.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, gatewayPort));
            gateway.StartServer();
        });
        Gateway = new HttpClient { BaseAddress = new Uri(gatewayUrl) };
        ConsoleUrl = new Uri(new Uri(gatewayUrl), "/console/");
        Gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        // As a user would (and ./platform up does): connect the emulator's app through egress's API.
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

    /// <summary>Acts as a customer through the emulator's control API.</summary>
    public async Task<CustomerAction> CustomerAsync(string action, object request)
    {
        using var response = await Emulator.PostAsJsonAsync(new Uri($"/emulator/customers/{action}", UriKind.Relative), request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CustomerAction>())!;
    }

    /// <summary>Stops the routing host (as a crash or a deploy would); the rest of the platform keeps running.</summary>
    public async Task StopRoutingAsync()
    {
        if (routingHost is { } running)
        {
            routingHost = null;
            hosts.Remove(running);
            await running.DisposeAsync();
        }
    }

    /// <summary>Starts a new routing host on the same database, broker and port (the gateway keeps forwarding to it).</summary>
    public async Task StartRoutingAsync()
    {
        var started = new ServiceFactory<RoutingProgram>(routingSettings);
        hosts.Add(started);
        routingHost = started;
        await Task.Run(() =>
        {
            started.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, routingPort));
            started.StartServer();
        });
    }

    public async Task DisposeAsync()
    {
        Emulator?.Dispose();
        Gateway?.Dispose();
        for (var i = hosts.Count - 1; i >= 0; i--)
        {
            await hosts[i].DisposeAsync();
        }

        await infrastructure.DisposeAsync();
        tracing?.Dispose();
        if (Directory.Exists(storageRoot))
        {
            Directory.Delete(storageRoot, recursive: true);
        }
    }

    private async Task<Uri> StartAsync<T>(ServiceFactory<T> service)
        where T : class
    {
        hosts.Add(service);
        // Each host starts on its own thread: MassTransit keeps its log context in an AsyncLocal.
        return await Task.Run(service.StartOnLoopback);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SpanRecorder(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }
}

/// <summary>One platform for every test of the collection.</summary>
[CollectionDefinition(WholePlatform.Collection)]
public sealed class WholePlatformCollection : ICollectionFixture<WholePlatform>;
