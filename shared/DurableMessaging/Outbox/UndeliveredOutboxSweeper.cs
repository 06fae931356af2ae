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

    internal async Task<long> CountBacklog(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // Names from the EF model only, no values: nothing here comes from a message.
        var sql = "SELECT count(*) AS \"Value\" FROM (" + UndeliveredSql(db) + ") AS m";
        var backlog = await db.Database.SqlQueryRaw<long>(sql).SingleAsync(cancellationToken);
        metrics.SetUndeliveredBacklog(backlog);
        return backlog;
    }

    /// <summary>
    /// The consumed but undelivered messages, as (message id, consumer id): exactly those with outbox rows, which are
    /// written with "consumed" and deleted with "delivered", in one transaction each. Found from outbox_message (few rows:
    /// they live until delivered) because inbox_state keeps no index on consumed or delivered, so that its updates stay
    /// HOT (DurableMessagingModelBuilderExtensions).
    /// </summary>
    private static string UndeliveredSql(DbContext db)
    {
        var outbox = ModelNames.For<OutboxMessage>(db);
        var inboxMessageId = outbox.Column(nameof(OutboxMessage.InboxMessageId));
        return $"SELECT DISTINCT {inboxMessageId} AS message_id, {outbox.Column(nameof(OutboxMessage.InboxConsumerId))} AS consumer_id " +
               $"FROM {outbox.Table} WHERE {inboxMessageId} IS NOT NULL";
    }

    private static string BuildClaimSql(DbContext db)
    {
        var inbox = ModelNames.For<InboxState>(db);
        var consumed = inbox.Column(nameof(InboxState.Consumed));
        return $"SELECT i.* FROM ({UndeliveredSql(db)}) AS m " +
               $"JOIN {inbox.Table} AS i ON i.{inbox.Column(nameof(InboxState.MessageId))} = m.message_id " +
               $"AND i.{inbox.Column(nameof(InboxState.ConsumerId))} = m.consumer_id " +
               $"WHERE i.{consumed} < {{0}} AND i.{inbox.Column(nameof(InboxState.Delivered))} IS NULL " +
               $"ORDER BY i.{consumed} LIMIT 1 FOR UPDATE OF i SKIP LOCKED";
    }
}
