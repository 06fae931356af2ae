using System.Security.Cryptography;
using System.Text;

using Platform.Benchmarks.Support;
using Platform.Testing;

namespace Platform.Benchmarks.Ingress;

/// <summary>
/// The "gateway" target: the same signed callbacks sent to the gateway (Release build, child process), which forwards
/// <c>/webhooks/sinch/**</c> to the ingress child, so that the difference to the "ingress" row is the gateway's cost.
/// </summary>
internal sealed partial class IngressWebhookBenchmark
{
    private const string GatewayTarget = "gateway";

    private const string GatewayHealthPath = "/health/live";

    private static System.Diagnostics.Process StartGateway(ChildProcesses children, int port, int ingressPort)
    {
        var output = Path.Combine(RepositoryRoot.Path, "services/Gateway/bin/Release/net10.0");
        return children.StartDll("services/Gateway/bin/Release/net10.0/Platform.Gateway.dll", new Dictionary<string, string>
        {
            // The routes are in the gateway's appsettings.json, found only with the build output as content root.
            ["ASPNETCORE_CONTENTROOT"] = output,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ReverseProxy__Clusters__ingress__Destinations__primary__Address"] = $"http://127.0.0.1:{ingressPort}/",
            // Required setting; webhooks carry no API key, so any hash serves.
            ["Gateway__Authentication__ApiKeySha256__0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString()))),
            // The forwarding cost is measured, not the per-app limit (300,000 per 60 s), which a long run would reach.
            ["Gateway__RateLimits__WebhookPermitsPerWindow"] = "10000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
        });
    }

    private static Uri GatewayWebhook(int port) => new($"http://127.0.0.1:{port}/webhooks/sinch/{AppId}");
}
