using Microsoft.Extensions.Configuration;
using Platform.AppHost;

// The whole platform for local development: RabbitMQ, PostgreSQL, every service, the gateway, the Sinch emulator
// and the demo bot, with the Aspire dashboard showing their logs, traces and metrics. `./platform up` runs this app
// host; `dotnet run --project deploy/AppHost` does the same from an IDE. docs/local-orchestration.md says what the
// bash script, docker-compose and this app host each own.
var builder = DistributedApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection(PlatformSettings.Section).Get<PlatformSettings>() ?? new PlatformSettings();
var infrastructure = PlatformInfrastructure.Add(builder, settings);
var state = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", ".platform"));

// Secrets: the gateway's API key hash and egress's keys come from ./platform (kept per checkout, since the
// database that they encrypt outlives one run); the demo bot's signing secret is new on every start.
var apiKeyHash = builder.AddParameter("gateway-api-key-sha256", secret: true);
var credentialsKey = builder.AddParameter("egress-credentials-key", secret: true);
var webhookSecretsKey = builder.AddParameter("webhook-secrets-key", secret: true);
var botSecret = builder.AddParameter("demo-bot-secret", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
// The console calls the platform's API with a key of its own (the raw key; the gateway holds only its hash), and
// creates its first admin with this password on its database's first start.
var consoleApiKey = builder.AddParameter("console-api-key", secret: true);
var consoleAdminPassword = builder.AddParameter("console-admin-password", secret: true);

var port = settings.ServicesBasePort;
var emulator = builder.AddPlatformProject<Projects.SinchEmulator>("sinch-emulator", settings.EmulatorPort)
    .WithHttpHealthCheck("/health/ready");
emulator.WithEnvironment("Emulator__PublicBaseUrl", emulator.GetEndpoint("http"));
var demoBot = builder.AddPlatformProject<Projects.DemoBot>("demo-bot", settings.DemoBotPort)
    .WithEnvironment("DemoBot__Secret", botSecret)
    .WithHttpHealthCheck("/health");

// Ingress learns the webhook secrets of connected apps from egress over the bus, sealed with this key.
var ingress = builder.AddPlatformService<Projects.Ingress>("ingress", port + 1, infrastructure, stateful: false)
    .WithEnvironment("Ingress__WebhookSecretsKey", webhookSecretsKey);
var contact = builder.AddPlatformService<Projects.Contact>("contact", port + 2, infrastructure, stateful: true);
var routing = builder.AddPlatformService<Projects.Routing>("routing", port + 3, infrastructure, stateful: true)
    .WithEnvironment("Routing__DefaultBot__Name", "Demo bot")
    .WithEnvironment("Routing__DefaultBot__Url", ReferenceExpression.Create($"{demoBot.GetEndpoint("http")}/bot"))
    .WithEnvironment("Routing__DefaultBot__Secret", botSecret);
var media = builder.AddPlatformService<Projects.Media>("media", port + 4, infrastructure, stateful: true)
    // The emulator hosts customer media on loopback, which the SSRF guard refuses unless listed (local only).
    .WithEnvironment("Media__Downloads__AllowedNetworks__0", "127.0.0.1/32")
    .WithEnvironment("Media__Storage__Root", Path.Combine(state, "media"));
var egress = builder.AddPlatformService<Projects.Egress>("egress", port + 5, infrastructure, stateful: true)
    .WithEnvironment("Egress__Apps__CredentialsKey", credentialsKey)
    .WithEnvironment("Egress__Apps__WebhookSecretsKey", webhookSecretsKey);
foreach (var region in new[] { "us", "eu", "br" })
{
    // Every Sinch region is the emulator here; Sinch's real hosts are egress's defaults.
    egress
        .WithEnvironment($"Sinch__Regions__{region}__ConversationApiUrl", ReferenceExpression.Create($"{emulator.GetEndpoint("http")}/regions/{region}/"))
        .WithEnvironment($"Sinch__Regions__{region}__TokenUrl", ReferenceExpression.Create($"{emulator.GetEndpoint("http")}/oauth2/token"));
}

// The agents' and admins' page: a backend-for-frontend with its own database of people; it reaches the services only
// through the gateway, so it has no destination of its own but the gateway.
var console = builder.AddPlatformService<Projects.Console>("console", port + 6, infrastructure, stateful: true)
    .WithEnvironment("Console__Platform__ApiKey", consoleApiKey)
    .WithEnvironment("Console__InitialAdmin__UserName", "admin")
    .WithEnvironment("Console__InitialAdmin__Password", consoleAdminPassword);

var gateway = builder.AddPlatformProject<Projects.Gateway>("gateway", settings.GatewayPort)
    .WithEnvironment("Gateway__Authentication__ApiKeySha256__0", apiKeyHash)
    .WithDestination(ingress)
    .WithDestination(contact)
    .WithDestination(routing)
    .WithDestination(media)
    .WithDestination(egress)
    .WithDestination(console)
    .WithHttpHealthCheck("/health/ready");

// What the outside world reaches goes through the gateway: the webhook egress registers at Sinch and media's links.
egress.WithEnvironment("Egress__Apps__WebhookBaseUrl", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/"));
media.WithEnvironment("Media__Uploads__PublicBaseUrl", gateway.GetEndpoint("http"));
console.WithEnvironment("Console__Platform__BaseUrl", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/"));

builder.Build().Run();
