using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Health;
using Yarp.ReverseProxy;

namespace Platform.Gateway.Health;

/// <summary>
/// Asks every destination of one YARP cluster for its own readiness. Destinations are read from the live proxy
/// configuration, so a changed address is checked without a restart.
/// </summary>
internal sealed class DownstreamHealthCheck(string clusterId, IProxyStateLookup proxy, IHttpClientFactory httpClients)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!proxy.TryGetCluster(clusterId, out var cluster) || cluster.Destinations.IsEmpty)
        {
            return HealthCheckResult.Unhealthy($"Cluster '{clusterId}' has no destinations configured.");
        }

        var client = httpClients.CreateClient(DownstreamHealthSetup.HttpClientName);
        var failures = new List<string>();
        foreach (var destination in cluster.Destinations.Values)
        {
            var address = new Uri(new Uri(destination.Model.Config.Address), HealthEndpoints.Ready);
            try
            {
                using var response = await client.GetAsync(address, cancellationToken);
                // Status only: the service's own report (host names, exception text) stays off this public endpoint.
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"{destination.DestinationId} answered {(int)response.StatusCode}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{destination.DestinationId} unreachable");
            }
        }

        return failures.Count == 0
            ? HealthCheckResult.Healthy($"{cluster.Destinations.Count} destination(s) ready")
            : HealthCheckResult.Unhealthy(string.Join("; ", failures));
    }
}
