using System.Data;
using System.Diagnostics;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Persistence.Outbox;

/// <summary>
/// Sends bus outbox rows to the broker after their transaction committed. Each worker claims one whole outbox with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several workers and replicas never send the same outbox at once and never wait
/// for each other; rows are deleted in the transaction that holds the claim, after the broker confirmed them. A crash
/// between confirm and commit resends with the same MessageId, which the receiver's inbox drops.
/// </summary>
internal sealed class BusOutboxDeliveryService<TDbContext>(
    IBusControl bus,
    IServiceScopeFactory scopes,
    IBusOutboxNotification notification,
    IOptions<OutboxDeliveryServiceOptions> options,
    IOptions<PostgresOutboxOptions> outboxOptions,
    ILogger<BusOutboxDeliveryService<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    private static string? _claimSql;
    private DateTime _backlogCountedAt = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var workers = Math.Max(1, outboxOptions.Value.BusOutboxDeliveryConcurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
                var sent = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => DeliverUntilEmpty(settings, stoppingToken)));
                if (sent.Sum() > 0)
                {
                    continue;
                }

                await CountBacklog(settings, stoppingToken);
                await notification.WaitForDelivery(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.BusOutboxLoopFaulted(exception, settings.QueryDelay);
                await Task.Delay(settings.QueryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Delivers outboxes one by one until none is left unclaimed, or a send fails.</summary>
    private async Task<int> DeliverUntilEmpty(OutboxDeliveryServiceOptions settings, CancellationToken cancellationToken)
    {
        var total = 0;
        for (var i = 0; i < settings.QueryMessageLimit; i++)
        {
            var sent = await DeliverOneOutbox(settings, cancellationToken);
            if (sent < 0)
            {
                break;
            }

            total += sent;
        }

        return total;
    }

    /// <returns>Messages sent, or -1 when there was no outbox to claim or a send failed.</returns>
    internal async Task<int> DeliverOneOutbox(OutboxDeliveryServiceOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        db.Database.SetCommandTimeout(settings.QueryTimeout);
        _claimSql ??= BuildClaimSql(db);

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var outbox = (await db.Set<OutboxState>().FromSqlRaw(_claimSql).AsTracking().ToListAsync(cancellationToken)).SingleOrDefault();
        if (outbox is null)
        {
            return -1;
        }

        var last = outbox.LastSequenceNumber ?? 0;
        var messages = await db.Set<OutboxMessage>()
            .Where(x => x.OutboxId == outbox.OutboxId && x.SequenceNumber > last)
            .OrderBy(x => x.SequenceNumber)
            .Take(settings.MessageDeliveryLimit)
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var sent = 0;
        var failed = false;
        foreach (var message in messages)
        {
            if (!await TrySend(message, outbox.OutboxId, settings, cancellationToken))
            {
                failed = true;
                break;
            }

            outbox.LastSequenceNumber = message.SequenceNumber;
            sent++;
        }

        if (sent > 0)
        {
            var lastSent = outbox.LastSequenceNumber!.Value;
            await db.Set<OutboxMessage>()
                .Where(x => x.OutboxId == outbox.OutboxId && x.SequenceNumber <= lastSent)
                .ExecuteDeleteAsync(cancellationToken);
        }

        if (!failed && messages.Count < settings.MessageDeliveryLimit)
        {
            db.Remove(outbox);
        }
        else if (failed)
        {
            // To the back of the line: the claim takes the oldest outbox first, and one that keeps failing must not
            // be everyone's first claim. Order only holds within an outbox, so moving it reorders nothing it promised.
            outbox.Created = DateTime.UtcNow;
        }

        outbox.LockId = NewId.NextGuid();
        await db.SaveChangesAsync(cancellationToken);
        // Never cancelled: work that is done must not be thrown away (and redone) by a shutdown mid-commit.
        await transaction.CommitAsync(CancellationToken.None);
        return failed ? -1 : sent;
    }

    private async Task<bool> TrySend(OutboxMessage message, Guid outboxId, OutboxDeliveryServiceOptions settings, CancellationToken cancellationToken)
    {
        if (message.DestinationAddress is null)
        {
            return true;
        }

        using var activity = DurableMessagingTelemetry.Source.StartActivity("outbox deliver", ActivityKind.Producer);
        activity?.SetTag("messaging.message.id", message.MessageId);
        activity?.SetTag("messaging.destination.name", message.DestinationAddress.ToString());
        try
        {
            message.Deserialize(SystemTextJsonMessageSerializer.Instance);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.MessageDeliveryTimeout);
            var endpoint = await bus.GetSendEndpoint(message.DestinationAddress);
            await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, message.DestinationAddress), timeout.Token);
            DurableMessagingTelemetry.OutboxDeliveryLag.Record(DurableMessagingTelemetry.SecondsSince(message.SentTime));
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            logger.BusOutboxSendFailed(exception, outboxId, message.MessageId);
            return false;
        }
    }

    private async Task CountBacklog(OutboxDeliveryServiceOptions settings, CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow - _backlogCountedAt < settings.QueryDelay)
        {
            return;
        }

        _backlogCountedAt = DateTime.UtcNow;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        DurableMessagingTelemetry.SetOutboxBacklog(await db.Set<OutboxMessage>().LongCountAsync(x => x.OutboxId != null, cancellationToken));
    }

    private static string BuildClaimSql(DbContext db)
    {
        var names = ModelNames.For<OutboxState>(db);
        return $"SELECT * FROM {names.Table} ORDER BY {names.Column(nameof(OutboxState.Created))} LIMIT 1 FOR UPDATE SKIP LOCKED";
    }
}
