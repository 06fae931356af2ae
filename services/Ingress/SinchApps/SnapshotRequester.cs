using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.Ingress.SinchApps;

/// <summary>
/// Asks for every app's secret when the replica starts, and again a few times until some snapshot has arrived (egress
/// or another replica may not be up yet; egress also republishes on its own).
/// </summary>
internal sealed class SnapshotRequester(
    IBus bus,
    LearnedApps apps,
    ReplicaIdentity replica,
    IOptions<SinchAppsOptions> options,
    TimeProvider time,
    ILogger<SnapshotRequester> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var previous = 0;
        foreach (var at in options.Value.SnapshotRequestRetrySeconds.Prepend(0))
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, at - previous)), time, stoppingToken);
                previous = at;
                if (apps.SnapshotReceived)
                {
                    return;
                }

                await bus.Publish(new WebhookSecretsSnapshotRequested
                {
                    RequestId = NewId.NextGuid(),
                    RequestedBy = replica.Name,
                    RequestedAt = time.GetUtcNow(),
                }, stoppingToken);
                logger.SnapshotRequested(replica.Name);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                logger.SnapshotRequestFailed(e);
            }
        }
    }
}

/// <summary>This process's name on the bus: its queue and the <c>RequestedBy</c> of its requests.</summary>
internal sealed class ReplicaIdentity
{
    // The random part keeps two replicas with one host name (and test hosts in one process) apart.
    public string Name { get; } = $"{new string([.. Environment.MachineName.Take(30)])}-{Guid.NewGuid():N}".ToLowerInvariant();
}
