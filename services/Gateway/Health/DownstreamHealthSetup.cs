using Platform.ServiceDefaults.Health;

namespace Platform.Gateway.Health;

/// <summary>
/// The gateway's <c>/health/ready</c> reports each service behind it, one entry per YARP cluster, so that
/// <c>./platform up</c>, compose and an operator see which service is not ready.
/// </summary>
public static class DownstreamHealthSetup
{
    internal const string HttpClientName = "downstream-health";

    public static IHostApplicationBuilder AddDownstreamHealthChecks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A health probe must answer now: no retries or hedging from the default resilience handler.
#pragma warning disable EXTEXP0001 // evaluation API; the alternative is not adding defaults to every client
        builder.Services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        var checks = builder.Services.AddHealthChecks();
        foreach (var cluster in builder.Configuration.GetSection("ReverseProxy:Clusters").GetChildren())
        {
            var clusterId = cluster.Key;
            checks.Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                clusterId,
                sp => ActivatorUtilities.CreateInstance<DownstreamHealthCheck>(sp, clusterId),
                failureStatus: null,
                tags: [HealthTags.Ready]));
        }

        return builder;
    }
}
