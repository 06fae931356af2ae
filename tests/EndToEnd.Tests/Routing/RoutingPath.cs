extern alias demobot;
extern alias emulator;
extern alias gateway;
extern alias ingress;
extern alias routing;

using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;
using DemoBotProgram = demobot::Program;
using EmulatorProgram = emulator::Program;
using GatewayProgram = gateway::Program;
using IngressProgram = ingress::Program;
using RoutingProgram = routing::Program;

namespace Platform.EndToEnd.Tests.Routing;

/// <summary>
/// The customer loop as far as this branch has services: the emulator's customer posts through the gateway to ingress,
/// routing runs the conversation with the demo bot, and an egress stand-in on egress's queue receives the replies.
/// Contact, media and egress join when they are merged (then the reply reaches the emulator).
/// </summary>
public sealed class RoutingPath : IAsyncLifetime
{
    public const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
    public const string ApiKey = "end-to-end-routing-key";
    private const string WebhookSecret = "end-to-end-webhook-secret";
    private const string BotSecret = "end-to-end-demo-bot-secret-0123";
    private readonly InfrastructureFixture infrastructure = new();
    private readonly List<IAsyncDisposable> hosts = [];
    private IHost? egress;

    public HttpClient Emulator { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public ConcurrentQueue<SendOutboundMessage> Sends { get; } = new();

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        egress = await StartEgressStandInAsync();

        var bot = Start(new ServiceFactory<DemoBotProgram>(new Dictionary<string, string?> { ["DemoBot:Secret"] = BotSecret }));
        var botAddress = bot.StartOnLoopback();
        var routingService = Start(new ServiceFactory<RoutingProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["ConnectionStrings:routing"] = infrastructure.PostgresConnectionString,
            ["Routing:DefaultBot:Url"] = new Uri(botAddress, "/bot").ToString(),
            ["Routing:DefaultBot:Secret"] = BotSecret,
        }));
        var routingAddress = routingService.StartOnLoopback();
        var ingressService = Start(new ServiceFactory<IngressProgram>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            [$"Ingress:Apps:{AppId}:WebhookSecret"] = WebhookSecret,
        }));
        var ingressAddress = ingressService.StartOnLoopback();
        var gatewayService = Start(new ServiceFactory<GatewayProgram>(new Dictionary<string, string?>
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["ReverseProxy:Clusters:ingress:Destinations:primary:Address"] = ingressAddress.ToString(),
            ["ReverseProxy:Clusters:routing:Destinations:primary:Address"] = routingAddress.ToString(),
        }));
        var gatewayAddress = gatewayService.StartOnLoopback();
        Gateway = new HttpClient { BaseAddress = gatewayAddress };
        Gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        var emulatorService = Start(new ServiceFactory<EmulatorProgram>(new Dictionary<string, string?>
        {
            ["Emulator:Apps:0:Webhooks:0:Target"] = new Uri(gatewayAddress, $"/webhooks/sinch/{AppId}").ToString(),
            ["Emulator:Apps:0:Webhooks:0:Secret"] = WebhookSecret,
            ["Emulator:Callbacks:InitialBackoffMilliseconds"] = "100",
            ["Emulator:Callbacks:MaxBackoffMilliseconds"] = "500",
        }));
        Emulator = emulatorService.CreateClient();
        await Eventually.TrueAsync(async () => (await Gateway.GetAsync(new Uri("/api/routing/rules", UriKind.Relative))).IsSuccessStatusCode, "routing answers through the gateway");
    }

    public async Task<CustomerAction> CustomerAsync(string action, object request)
    {
        using var response = await Emulator.PostAsJsonAsync(new Uri($"/emulator/customers/{action}", UriKind.Relative), request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CustomerAction>())!;
    }

    public async Task DisposeAsync()
    {
        Emulator?.Dispose();
        Gateway?.Dispose();
        for (var i = hosts.Count - 1; i >= 0; i--)
        {
            await hosts[i].DisposeAsync();
        }

        if (egress is not null)
        {
            await egress.StopAsync();
            egress.Dispose();
        }

        await infrastructure.DisposeAsync();
    }

    private T Start<T>(T host) where T : IAsyncDisposable
    {
        hosts.Add(host);
        return host;
    }

    private async Task<IHost> StartEgressStandInAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString;
        builder.Services.AddSingleton(this);
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddMessaging("Egress", bus => bus.AddConsumer<SendOutboundMessageConsumer>().Endpoint(e => e.Name = "egress-outbound-message-state"));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>On egress's queue (<c>egress-outbound-message-state</c>, the queue of egress's outbound-message saga): records each send and reports it delivered.</summary>
    private sealed class SendOutboundMessageConsumer(RoutingPath path) : IConsumer<SendOutboundMessage>
    {
        public async Task Consume(ConsumeContext<SendOutboundMessage> context)
        {
            path.Sends.Enqueue(context.Message);
            await context.Publish(new OutboundMessageStatusChanged
            {
                OutboundMessageId = context.Message.OutboundMessageId,
                ConversationId = context.Message.ConversationId,
                Status = OutboundMessageStatuses.Delivered,
                At = DateTimeOffset.UtcNow,
            });
        }
    }
}
