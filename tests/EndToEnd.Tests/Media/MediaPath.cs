extern alias emulator;
extern alias gateway;
extern alias ingress;
extern alias media;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Platform.Testing;
using EmulatorProgram = emulator::Program;
using GatewayProgram = gateway::Program;
using IngressProgram = ingress::Program;
using MediaProgram = media::Program;

namespace Platform.EndToEnd.Tests.Media;

/// <summary>
/// Media's two paths as they run: the emulator (customers and channel CDN, on a real loopback port so media can fetch
/// from it) posts callbacks through the gateway to ingress, whose events media downloads; and agents reach media
/// through the gateway, with the API key for <c>/api/media/**</c> and without it for public links.
/// </summary>
public sealed class MediaPath : IAsyncLifetime
{
    public const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
    public const string ApiKey = "end-to-end-media-key";
    private const string WebhookSecret = "end-to-end-webhook-secret";
    private readonly InfrastructureFixture infrastructure = new();
    private readonly string storageRoot = Path.Combine(Path.GetTempPath(), "media-e2e", Guid.NewGuid().ToString("N"));
    private ServiceFactory<IngressProgram>? ingress;
    private ServiceFactory<MediaProgram>? media;
    private ServiceFactory<GatewayProgram>? gateway;
    private ServiceFactory<EmulatorProgram>? emulator;

    /// <summary>The gateway, without credentials.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public HttpClient Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        var gatewayPort = FreePort();

        ingress = new ServiceFactory<IngressProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            [$"Ingress:Apps:{AppId}:WebhookSecret"] = WebhookSecret,
        });
        var ingressAddress = await Task.Run(ingress.StartOnLoopback);

        media = new ServiceFactory<MediaProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["ConnectionStrings:media"] = infrastructure.PostgresConnectionString,
            ["Media:Storage:Root"] = storageRoot,
            ["Media:Downloads:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Media:Uploads:PublicBaseUrl"] = $"http://127.0.0.1:{gatewayPort}",
        });
        var mediaAddress = await Task.Run(() =>
        {
            LogContext.Current = null;
            return media.StartOnLoopback();
        });

        gateway = new ServiceFactory<GatewayProgram>(new Dictionary<string, string?>
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["ReverseProxy:Clusters:ingress:Destinations:primary:Address"] = ingressAddress.ToString(),
            ["ReverseProxy:Clusters:media:Destinations:primary:Address"] = mediaAddress.ToString(),
        });
        var gatewayAddress = await Task.Run(() => StartOnPort(gateway, gatewayPort));
        Gateway = new HttpClient { BaseAddress = gatewayAddress };

        emulator = new ServiceFactory<EmulatorProgram>(new Dictionary<string, string?>
        {
            ["Emulator:Apps:0:Webhooks:0:Target"] = new Uri(gatewayAddress, $"/webhooks/sinch/{AppId}").ToString(),
            ["Emulator:Apps:0:Webhooks:0:Secret"] = WebhookSecret,
            ["Emulator:Callbacks:InitialBackoffMilliseconds"] = "100",
            ["Emulator:Callbacks:MaxBackoffMilliseconds"] = "500",
        });
        Emulator = new HttpClient { BaseAddress = await Task.Run(emulator.StartOnLoopback) };
    }

    /// <summary>A request with the API key, as the agent console sends it.</summary>
    public static HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return request;
    }

    /// <summary>Acts as a customer through the emulator's control API.</summary>
    public async Task<CustomerAction> CustomerAsync(string action, object request)
    {
        using var response = await Emulator.PostAsJsonAsync(new Uri($"/emulator/customers/{action}", UriKind.Relative), request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CustomerAction>())!;
    }

    private static Uri StartOnPort(ServiceFactory<GatewayProgram> factory, int port)
    {
        factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        factory.StartServer();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        Emulator?.Dispose();
        Gateway?.Dispose();
        foreach (var factory in new IAsyncDisposable?[] { emulator, gateway, media, ingress })
        {
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
        }

        await infrastructure.DisposeAsync();
        if (Directory.Exists(storageRoot))
        {
            Directory.Delete(storageRoot, recursive: true);
        }
    }
}
