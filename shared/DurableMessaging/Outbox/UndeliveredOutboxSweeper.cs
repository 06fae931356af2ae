using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Sends consumer outbox messages whose consumer committed but whose delivery never finished, and whose message will not
/// come back to finish it: it went to <c>_error</c> after the commit (the delivery kept failing), or was acknowledged
/// by a replica that crashed. Such an inbox row is claimed with <c>FOR UPDATE SKIP LOCKED</c> once it is older than
/// <see cref="PostgresOutboxOptions.UndeliveredSweepAfter"/>, so a redelivered copy handling it right now (which holds
/// the row's lock) is never raced. The count waiting is the <c>platform.outbox.undelivered</c> gauge.
/// </summary>
internal sealed class UndeliveredOutboxSweeper<TDbContext>(
    IBusControl bus,
    IServiceScopeFactory scopes,
    IOptions<PostgresOutboxOptions> options,
    ILogger<UndeliveredOutboxSweeper<TDbContext>> logger,
    DurableMessagingMetrics metrics,
    TimeProvider time,
    IBrokerAvailability? broker = null)
    : BackgroundService
    where TDbContext : DbContext
{
    private static string? _claimSql;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var interval = settings.UndeliveredSweepAfter;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (broker is not null)
                {
                    await broker.WaitUntilReachableAsync(interval, stoppingToken);
                }

                if (await SweepOne(settings, stoppingToken))
                {
                    continue;
                }

                await CountBacklog(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.UndeliveredSweepFaulted(exception, interval);
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <returns>True when it delivered a whole outbox (look for the next one at once).</returns>
    internal async Task<bool> SweepOne(PostgresOutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        _claimSql ??= BuildClaimSql(db);
        var now = time.GetUtcNow().UtcDateTime;

        return await DurableTransaction.RunAsync(db, async () =>
        {
            var inbox = (await db.Set<InboxState>().FromSqlRaw(_claimSql, now - settings.UndeliveredSweepAfter).AsTracking()
                .ToListAsync(cancellationToken)).SingleOrDefault();
            if (inbox is null)
            {
                return false;
            }

            var last = inbox.LastSequenceNumber ?? 0;
            var messages = await db.Set<OutboxMessage>()
                .Where(x => x.InboxMessageId == inbox.MessageId && x.InboxConsumerId == inbox.ConsumerId && x.SequenceNumber > last)
                .OrderBy(x => x.SequenceNumber)
                .Take(settings.MessageDeliveryLimit)
                .AsNoTracking()
                .ToListAsync(cancellationToken);

            var sent = 0;
            try
            {
                foreach (var message in messages)
                {
                    if (message.DestinationAddress is { } destination)
                    {
                        message.Deserialize(SystemTextJsonMessageSerializer.Instance);
                        var endpoint = await bus.GetSendEndpoint(destination);
                        await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, destination), cancellationToken);
                    }

                    inbox.LastSequenceNumber = message.SequenceNumber;
                    sent++;
                }
            }
            catch (Exception exception)
            {
                // Keep what was confirmed; the rest waits for the next sweep.
                logger.UndeliveredSweepFailed(exception, inbox.MessageId);
                await db.SaveChangesAsync(CancellationToken.None);
                return false;
            }

            if (messages.Count < settings.MessageDeliveryLimit)
            {
                inbox.Delivered = time.GetUtcNow().UtcDateTime;
                await db.Set<OutboxMessage>()
                    .Where(x => x.InboxMessageId == inbox.MessageId && x.InboxConsumerId == inbox.ConsumerId)
                    .ExecuteDeleteAsync(CancellationToken.None);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            logger.UndeliveredOutboxSwept(inbox.MessageId, sent);
            return true;
        }, cancellationToken);
    }

    private async Task CountBacklog(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        metrics.SetUndeliveredBacklog(
            await db.Set<InboxState>().LongCountAsync(x => x.Consumed != null && x.Delivered == null, cancellationToken));
    }

    private static string BuildClaimSql(DbContext db)
    {
        var names = ModelNames.For<InboxState>(db);
        var consumed = names.Column(nameof(InboxState.Consumed));
        return $"SELECT * FROM {names.Table} WHERE {consumed} < {{0}} AND {names.Column(nameof(InboxState.Delivered))} IS NULL " +
               $"ORDER BY {consumed} LIMIT 1 FOR UPDATE SKIP LOCKED";
    }
}
