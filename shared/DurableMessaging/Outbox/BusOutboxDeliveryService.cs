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
using Platform.Messaging;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Sends bus outbox rows to the broker after their transaction committed. Each worker claims one whole outbox with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several workers and replicas never send the same outbox at once and never wait
/// for each other; rows are deleted in the transaction that holds the claim, after the broker confirmed them. A crash
/// between confirm and commit resends with the same MessageId, which the receiver's inbox drops. An outbox whose send
/// keeps failing is set aside after <see cref="PostgresOutboxOptions.MaxDeliveryAttempts"/> with the reason.
/// </summary>
internal sealed class BusOutboxDeliveryService<TDbContext>(
    IBusControl bus,
    IServiceScopeFactory scopes,
    IBusOutboxNotification notification,
    IOptions<OutboxDeliveryServiceOptions> options,
    IOptions<PostgresOutboxOptions> outboxOptions,
    ILogger<BusOutboxDeliveryService<TDbContext>> logger,
    DurableMessagingMetrics metrics,
    TimeProvider? timeProvider = null,
    IBrokerAvailability? broker = null)
    : BackgroundService
    where TDbContext : DbContext
{
    private static string? _claimSql;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    // MassTransit's notification keeps one waiter (a second concurrent WaitForDelivery throws): one worker at a time
    // waits on it, the others look again after the query delay.
    private readonly SemaphoreSlim _notificationWaiter = new(1, 1);
    private long _backlogCountedAt;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Independent workers: one that waits on a slow or failing send never holds up the others.
        var workers = Math.Max(1, outboxOptions.Value.BusOutboxDeliveryConcurrency);
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Work(options.Value, stoppingToken)));
    }

    private async Task Work(OutboxDeliveryServiceOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (broker is not null)
                {
                    await broker.WaitUntilReachableAsync(settings.QueryDelay, stoppingToken);
                }

                if (await DeliverOneOutbox(settings, stoppingToken) > 0)
                {
                    continue;
                }

                await CountBacklog(settings, stoppingToken);
                await WaitForWork(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.BusOutboxLoopFaulted(exception, settings.QueryDelay);
                await Task.Delay(settings.QueryDelay, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task WaitForWork(OutboxDeliveryServiceOptions settings, CancellationToken stoppingToken)
    {
        if (!await _notificationWaiter.WaitAsync(0, stoppingToken))
        {
            await Task.Delay(settings.QueryDelay, _time, stoppingToken);
            return;
        }

        try
        {
            await notification.WaitForDelivery(stoppingToken);
        }
        finally
        {
            _notificationWaiter.Release();
        }
    }

    /// <returns>Messages sent (0 for an outbox with nothing left), or -1 when there was no outbox to claim or a send failed.</returns>
    internal async Task<int> DeliverOneOutbox(OutboxDeliveryServiceOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        db.Database.SetCommandTimeout(settings.QueryTimeout);
        _claimSql ??= BuildClaimSql(db);
        var limits = outboxOptions.Value;

        return await DurableTransaction.RunAsync(db, async () =>
        {
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
            var outcome = SendOutcome.Sent;
            foreach (var message in messages)
            {
                // Stopping: keep what the broker already confirmed (committed below) instead of sending it again later.
                outcome = cancellationToken.IsCancellationRequested
                    ? SendOutcome.Stopped
                    : await TrySend(message, outbox.OutboxId, settings, cancellationToken);
                if (outcome != SendOutcome.Sent)
                {
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
                    .ExecuteDeleteAsync(CancellationToken.None);
            }

            if (outcome == SendOutcome.Sent && messages.Count < settings.MessageDeliveryLimit)
            {
                db.Remove(outbox);
            }
            else if (outcome is SendOutcome.Failed { } failure)
            {
                SetAside(outbox, failure.Reason, limits.MaxDeliveryAttempts);
            }

            outbox.LockId = NewId.NextGuid();
            await db.SaveChangesAsync(CancellationToken.None);
            return outcome == SendOutcome.Sent ? sent : -1;
        }, cancellationToken);
    }

    private void SetAside(OutboxState outbox, string reason, int maxAttempts)
    {
        outbox.DeliveryAttempts++;
        outbox.LastError = reason;
        if (outbox.DeliveryAttempts >= maxAttempts)
        {
            // Dead-lettered: kept with its reason for an operator, never claimed again.
            outbox.DeadLettered = _time.GetUtcNow().UtcDateTime;
            logger.BusOutboxDeadLettered(outbox.OutboxId, outbox.DeliveryAttempts, reason);
        }
        else
        {
            // To the back of the line: the claim takes the oldest outbox first, and one that keeps failing must not be
            // everyone's first claim. Order only holds within an outbox, so moving it reorders nothing it promised.
            outbox.Created = _time.GetUtcNow().UtcDateTime;
        }
    }

    private async Task<SendOutcome> TrySend(OutboxMessage message, Guid outboxId, OutboxDeliveryServiceOptions settings, CancellationToken cancellationToken)
    {
        if (message.DestinationAddress is null)
        {
            return SendOutcome.Sent;
        }

        using var activity = DurableMessagingTelemetry.Source.StartActivity("outbox deliver", ActivityKind.Producer);
        activity?.SetTag("messaging.message.id", message.Envelope.MessageId);
        activity?.SetTag("messaging.destination.name", message.DestinationAddress.ToString());
        try
        {
            message.Deserialize(SystemTextJsonMessageSerializer.Instance);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.MessageDeliveryTimeout);
            var endpoint = await bus.GetSendEndpoint(message.DestinationAddress);
            await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, message.DestinationAddress), timeout.Token);
            metrics.OutboxDeliveryLag.Record(Math.Max(0, (_time.GetUtcNow().UtcDateTime - message.SentTime).TotalSeconds));
            return SendOutcome.Sent;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Not confirmed before the host stopped: it stays for the next delivery.
            return SendOutcome.Stopped;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            logger.BusOutboxSendFailed(exception, outboxId, message.Envelope.MessageId);
            return new SendOutcome.Failed($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private async Task CountBacklog(OutboxDeliveryServiceOptions settings, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        var counted = Interlocked.Read(ref _backlogCountedAt);
        if (counted != 0 && _time.GetElapsedTime(counted, now) < settings.QueryDelay || Interlocked.CompareExchange(ref _backlogCountedAt, now, counted) != counted)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        metrics.SetOutboxBacklog(await db.Set<OutboxMessage>().LongCountAsync(x => x.OutboxId != null, cancellationToken));
    }

    private static string BuildClaimSql(DbContext db)
    {
        var names = ModelNames.For<OutboxState>(db);
        return $"SELECT * FROM {names.Table} WHERE {names.Column(nameof(OutboxState.DeadLettered))} IS NULL " +
               $"ORDER BY {names.Column(nameof(OutboxState.Created))} LIMIT 1 FOR UPDATE SKIP LOCKED";
    }
}
