using System.Data;
using System.Diagnostics;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Persistence.Scheduling;

/// <summary>
/// Sends scheduled messages when they fall due. Due rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, sent, and
/// deleted in the claiming transaction after the broker confirmed them: several replicas share the work without
/// sending a row twice, and a row survives a restart until it was sent. A crash between confirm and commit resends with
/// the same MessageId, which the receiver's inbox drops.
/// </summary>
internal sealed class ScheduledMessageDeliveryService<TDbContext>(
    IBusControl bus,
    IServiceScopeFactory scopes,
    SchedulerWakeUp wakeUp,
    IOptions<PostgresSchedulerOptions> options,
    ILogger<ScheduledMessageDeliveryService<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    private static string? _claimSql;
    private DateTime _housekeepingAt = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
                var wake = wakeUp.Signal;
                var (sent, complete) = await DeliverDue(settings, stoppingToken);
                if (sent == settings.BatchSize && complete)
                {
                    continue;
                }

                var next = await Housekeep(settings, stoppingToken);
                var wait = complete && next is { } due ? due - DateTime.UtcNow : settings.QueryDelay;
                wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > settings.QueryDelay ? settings.QueryDelay : wait;
                if (wait > TimeSpan.Zero)
                {
                    await Task.WhenAny(wake, Task.Delay(wait, stoppingToken));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.SchedulerLoopFaulted(exception, settings.QueryDelay);
                await Task.Delay(settings.QueryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <returns>Rows sent, and false when a send failed (the rest waits for the next sweep).</returns>
    private async Task<(int Sent, bool Complete)> DeliverDue(PostgresSchedulerOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        _claimSql ??= BuildClaimSql(db);

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var due = await db.Set<ScheduledMessageEntry>()
            .FromSqlRaw(_claimSql, DateTime.UtcNow, settings.BatchSize)
            .AsTracking()
            .ToListAsync(cancellationToken);

        var sent = 0;
        var complete = true;
        var failuresInARow = 0;
        foreach (var row in due)
        {
            if (await TrySend(row, settings.SendTimeout, cancellationToken))
            {
                db.Remove(row);
                sent++;
                failuresInARow = 0;
                continue;
            }

            // Set this row aside and go on with the others; two failures in a row look like the broker itself is
            // gone, and then the rest waits for the next sweep instead of being set aside too.
            row.DueAt = DateTime.UtcNow + settings.FailedSendRetryDelay;
            complete = false;
            if (++failuresInARow >= 2)
            {
                break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        // Never cancelled: work that is done must not be thrown away (and redone) by a shutdown mid-commit.
        await transaction.CommitAsync(CancellationToken.None);
        return (sent, complete);
    }

    private async Task<bool> TrySend(ScheduledMessageEntry row, TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeoutSource.CancelAfter(timeout);
        var cancellationToken = timeoutSource.Token;
        using var activity = DurableMessagingTelemetry.Source.StartActivity("scheduler deliver", ActivityKind.Producer);
        activity?.SetTag("messaging.message.id", row.MessageId);
        activity?.SetTag("messaging.destination.name", row.Destination.ToString());
        try
        {
            var endpoint = await bus.GetSendEndpoint(row.Destination);
            await endpoint.Send(new SerializedMessageBody(), new ScheduledMessageSendPipe(row), cancellationToken);
            DurableMessagingTelemetry.SchedulerDeliveryLag.Record(DurableMessagingTelemetry.SecondsSince(row.DueAt));
            return true;
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            logger.ScheduledSendFailed(exception, row.TokenId, row.Destination);
            return false;
        }
    }

    /// <summary>Counts the backlog, forgets old cancellations (once per query delay) and returns the next due time.</summary>
    private async Task<DateTime?> Housekeep(PostgresSchedulerOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        if (DateTime.UtcNow - _housekeepingAt >= settings.QueryDelay)
        {
            _housekeepingAt = DateTime.UtcNow;
            DurableMessagingTelemetry.SetSchedulerBacklog(await db.Set<ScheduledMessageEntry>().LongCountAsync(cancellationToken));
            var forgetBefore = DateTime.UtcNow - settings.CancellationRetention;
            await db.Set<ScheduledMessageCancellation>().Where(x => x.Cancelled < forgetBefore).ExecuteDeleteAsync(cancellationToken);
        }

        return await db.Set<ScheduledMessageEntry>().MinAsync(x => (DateTime?)x.DueAt, cancellationToken);
    }

    private static string BuildClaimSql(DbContext db)
    {
        var names = ModelNames.For<ScheduledMessageEntry>(db);
        var dueAt = names.Column(nameof(ScheduledMessageEntry.DueAt));
        return $"SELECT * FROM {names.Table} WHERE {dueAt} <= {{0}} ORDER BY {dueAt} LIMIT {{1}} FOR UPDATE SKIP LOCKED";
    }
}
