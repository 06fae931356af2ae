using System.Diagnostics;
using MassTransit;
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
    BusOutboxWakeUp wakeUp,
    IOptions<PostgresOutboxOptions> options,
    ILogger<BusOutboxDeliveryService<TDbContext>> logger,
    DurableMessagingMetrics metrics,
    TimeProvider? timeProvider = null,
    IBrokerAvailability? broker = null)
    : BackgroundService
    where TDbContext : DbContext
{
    private static string? _claimSql;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    private long _backlogCountedAt;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Independent workers: one that waits on a slow or failing send never holds up the others.
        var workers = Math.Max(1, options.Value.BusOutboxDeliveryConcurrency);
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Work(options.Value, stoppingToken)));
    }

    private async Task Work(PostgresOutboxOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (broker is not null)
                {
                    await broker.WaitUntilReachableAsync(settings.BusOutboxQueryDelay, stoppingToken);
                }

                var wake = wakeUp.Signal;
                if (await DeliverOneOutbox(settings, stoppingToken) > 0)
                {
                    continue;
                }

                await CountBacklog(settings, stoppingToken);
                await Task.WhenAny(wake, Task.Delay(settings.BusOutboxQueryDelay, _time, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.BusOutboxLoopFaulted(exception, settings.BusOutboxQueryDelay);
                await Task.Delay(settings.BusOutboxQueryDelay, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <returns>Messages sent (0 for an outbox with nothing left), or -1 when there was no outbox to claim or a send failed.</returns>
    internal async Task<int> DeliverOneOutbox(PostgresOutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        db.Database.SetCommandTimeout(settings.QueryTimeout);
        _claimSql ??= BuildClaimSql(db);

        return await DurableTransaction.RunAsync(db, async () =>
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var outbox = (await db.Set<OutboxState>().FromSqlRaw(_claimSql, now).AsTracking().ToListAsync(cancellationToken)).SingleOrDefault();
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
                SetAside(outbox, failure.Reason, settings);
            }

            outbox.LockId = NewId.NextGuid();
            await db.SaveChangesAsync(CancellationToken.None);
            return outcome == SendOutcome.Sent ? sent : -1;
        }, cancellationToken);
    }

    private void SetAside(OutboxState outbox, string reason, PostgresOutboxOptions settings)
    {
        outbox.DeliveryAttempts++;
        outbox.LastError = reason;
        if (outbox.DeliveryAttempts >= settings.MaxDeliveryAttempts)
        {
            // Dead-lettered: kept with its reason for an operator, never claimed again.
            outbox.DeadLettered = _time.GetUtcNow().UtcDateTime;
            logger.BusOutboxDeadLettered(outbox.OutboxId, outbox.DeliveryAttempts, reason);
        }
        else
        {
            // To the back of the line, and out of it until the retry wait has passed: the claim takes the oldest outbox
            // whose time has come, and one that keeps failing must be neither everyone's first claim nor retried in a
            // tight loop. Order only holds within an outbox, so moving it reorders nothing it promised.
            outbox.Created = _time.GetUtcNow().UtcDateTime + RetryDelay(outbox.DeliveryAttempts, settings);
        }
    }

    /// <summary>The wait after the given number of failed deliveries: the first delay, doubled per further failure, capped.</summary>
    internal static TimeSpan RetryDelay(int failedAttempts, PostgresOutboxOptions settings)
    {
        var doublings = Math.Clamp(failedAttempts - 1, 0, 30);
        var delay = settings.BusOutboxRetryDelay * Math.Pow(2, doublings);
        return delay < settings.BusOutboxMaxRetryDelay ? delay : settings.BusOutboxMaxRetryDelay;
    }

    private async Task<SendOutcome> TrySend(OutboxMessage message, Guid outboxId, PostgresOutboxOptions settings, CancellationToken cancellationToken)
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
            timeout.CancelAfter(settings.BusOutboxSendTimeout);
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

    private async Task CountBacklog(PostgresOutboxOptions settings, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        var counted = Interlocked.Read(ref _backlogCountedAt);
        if (counted != 0 && _time.GetElapsedTime(counted, now) < settings.BusOutboxQueryDelay || Interlocked.CompareExchange(ref _backlogCountedAt, now, counted) != counted)
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
        var created = names.Column(nameof(OutboxState.Created));
        // An outbox set aside after a failed delivery has its created time moved past now by the retry wait.
        return $"SELECT * FROM {names.Table} WHERE {names.Column(nameof(OutboxState.DeadLettered))} IS NULL AND {created} <= {{0}} " +
               $"ORDER BY {created} LIMIT 1 FOR UPDATE SKIP LOCKED";
    }
}
