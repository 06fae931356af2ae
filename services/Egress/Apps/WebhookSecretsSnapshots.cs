using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Egress.Persistence;

namespace Platform.Egress.Apps;

/// <summary>Every app's webhook secret, sealed for the bus, from egress's database.</summary>
public sealed class WebhookSecretsSnapshots(EgressDbContext db, AppSecrets secrets, TimeProvider time)
{
    public async Task<WebhookSecretsSnapshot> TakeAsync(Guid? requestId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<SinchAppConnection>().AsNoTracking().OrderBy(a => a.AppId).ToListAsync(cancellationToken);
        return new WebhookSecretsSnapshot
        {
            RequestId = requestId,
            Source = "egress",
            Apps = [.. rows.Select(secrets.Entry)],
            TakenAt = time.GetUtcNow(),
        };
    }
}

/// <summary>An ingress replica asked for the secrets: answer from the database (published, so every replica merges it).</summary>
public sealed class AnswerWebhookSecretsRequestConsumer(WebhookSecretsSnapshots snapshots, ILogger<AnswerWebhookSecretsRequestConsumer> logger)
    : IConsumer<WebhookSecretsSnapshotRequested>
{
    public async Task Consume(ConsumeContext<WebhookSecretsSnapshotRequested> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var snapshot = await snapshots.TakeAsync(context.Message.RequestId, context.CancellationToken);
        await context.Publish(snapshot, context.CancellationToken);
        logger.SnapshotPublished(snapshot.Apps.Count, snapshot.RequestId);
    }
}

/// <summary>
/// Publishes the snapshot when egress starts and then every <see cref="AppsOptions.SnapshotIntervalSeconds"/>: a replica
/// that missed a change (broker hiccup, started while everything else was down) catches up without asking.
/// </summary>
public sealed class WebhookSecretsBroadcaster(
    IServiceScopeFactory scopes,
    IBus bus,
    IOptions<AppsOptions> options,
    TimeProvider time,
    ILogger<WebhookSecretsBroadcaster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.SnapshotIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = interval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var snapshot = await scope.ServiceProvider.GetRequiredService<WebhookSecretsSnapshots>().TakeAsync(null, stoppingToken);
                await bus.Publish(snapshot, stoppingToken);
                logger.SnapshotPublished(snapshot.Apps.Count, null);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Database or broker not there yet (start-up): try again soon rather than after the full interval.
                delay = TimeSpan.FromSeconds(5);
                logger.SnapshotFailed(e, delay);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
