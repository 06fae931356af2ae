using Microsoft.Extensions.Configuration;
using Platform.AppHost;

// The whole platform for local development: RabbitMQ, PostgreSQL, every service, the gateway and the Sinch
// emulator, with the Aspire dashboard showing their logs, traces and metrics. `./platform up` runs this app host;
// `dotnet run --project deploy/AppHost` does the same from an IDE. docs/local-orchestration.md says what the bash
// script, docker-compose and this app host each own.
var builder = DistributedApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection(PlatformSettings.Section).Get<PlatformSettings>() ?? new PlatformSettings();
var infrastructure = PlatformInfrastructure.Add(builder, settings);

// The emulator's seeded app and the secret its callbacks are signed with; ingress knows it statically here.
const string EmulatedAppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
var webhookSecret = builder.AddParameter("sinch-webhook-secret", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
var apiKeyHash = builder.AddParameter("gateway-api-key-sha256", secret: true);

var port = settings.ServicesBasePort;
var ingress = builder.AddPlatformService<Projects.Ingress>("ingress", port + 1, infrastructure, stateful: false)
    .WithEnvironment($"Ingress__Apps__{EmulatedAppId}__WebhookSecret", webhookSecret);
var contact = builder.AddPlatformService<Projects.Contact>("contact", port + 2, infrastructure, stateful: true);
var routing = builder.AddPlatformService<Projects.Routing>("routing", port + 3, infrastructure, stateful: true);
var media = builder.AddPlatformService<Projects.Media>("media", port + 4, infrastructure, stateful: true);
var egress = builder.AddPlatformService<Projects.Egress>("egress", port + 5, infrastructure, stateful: true);

var gateway = builder.AddPlatformProject<Projects.Gateway>("gateway", settings.GatewayPort)
    .WithEnvironment("Gateway__Authentication__ApiKeySha256__0", apiKeyHash)
    .WithDestination(ingress)
    .WithDestination(contact)
    .WithDestination(routing)
    .WithDestination(media)
    .WithDestination(egress)
    .WithHttpHealthCheck("/health/ready");

var emulator = builder.AddPlatformProject<Projects.SinchEmulator>("sinch-emulator", settings.EmulatorPort);
emulator
    .WithEnvironment("Emulator__PublicBaseUrl", emulator.GetEndpoint("http"))
    .WithEnvironment("Emulator__Apps__0__Webhooks__0__Target", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/webhooks/sinch/{EmulatedAppId}"))
    .WithEnvironment("Emulator__Apps__0__Webhooks__0__Secret", webhookSecret)
    .WithHttpHealthCheck("/health/ready");

builder.Build().Run();
