using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Messaging;

/// <summary>
/// Whether the broker can be reached at all, for background senders (bus outbox, scheduler): they need a connection,
/// not every receive endpoint of the service healthy. One endpoint that cannot start (a refused declaration, a faulted
/// consumer) must not stop every timer and every outbox delivery of the service.
/// </summary>
public interface IBrokerAvailability
{
    /// <summary>Completes as soon as the broker accepts connections; checks again every <paramref name="pollInterval"/>.</summary>
    Task WaitUntilReachableAsync(TimeSpan pollInterval, CancellationToken cancellationToken);
}

/// <summary>Asks the broker readiness check, which keeps one connection open and reopens it after it drops.</summary>
internal sealed class BrokerAvailability(BrokerConnectivityCheck check) : IBrokerAvailability
{
    public async Task WaitUntilReachableAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        while ((await check.CheckHealthAsync(new HealthCheckContext(), cancellationToken)).Status != HealthStatus.Healthy)
        {
            await Task.Delay(pollInterval, cancellationToken);
        }
    }
}
