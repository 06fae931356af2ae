using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging;

namespace Platform.DurableMessaging.Scheduling;

/// <summary>
/// Sends scheduled messages when they fall due. Due rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, sent, and
/// deleted in the claiming transaction after the broker confirmed them: several replicas share the work without
/// sending a row twice, and a row survives a restart until it was sent. A crash between confirm and commit resends with
/// the same MessageId, which the receiver's inbox drops. A row whose send keeps failing is dead-lettered after
/// <see cref="PostgresSchedulerOptions.MaxDeliveryAttempts"/> with the reason.
/// </summary>
internal sealed class ScheduledMessageDeliveryService<TDbContext>(
    IBusControl bus,
    IServiceScopeFactory scopes,
    SchedulerWakeUp wakeUp,
    IOptions<PostgresSchedulerOptions> options,
    ILogger<ScheduledMessageDeliveryService<TDbContext>> logger,
    DurableMessagingMetrics metrics,
    TimeProvider? timeProvider = null,
    IBrokerAvailability? broker = null)
    : BackgroundService
    where TDbContext : DbContext
{
    private static string? _claimSql;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private DateTime _housekeepingAt = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (broker is not null)
                {
                    await broker.WaitUntilReachableAsync(settings.QueryDelay, stoppingToken);
                }

                var wake = wakeUp.Signal;
                var sweep = await DeliverDue(settings, stoppingToken);
                if (sweep.Claimed == settings.BatchSize && sweep.Complete)
                {
                    continue;
                }

                var next = await Housekeep(settings, stoppingToken);
                var wait = NextWait(sweep, next, settings);
                if (wait > TimeSpan.Zero)
                {
                    await Task.WhenAny(wake, Task.Delay(wait, _time, stoppingToken));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.SchedulerLoopFaulted(exception, settings.QueryDelay);
                await Task.Delay(settings.QueryDelay, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Until the next row falls due, at most the query delay. A row that was already due when this sweep claimed, and
    /// that it did not get, is held by another replica (or is being sent): back off the full delay instead of spinning
    /// on it. (It may also be a row stored just after the claim with a due time already past; the replica that stored it
    /// wakes its own sweep.) A row that fell due after the claim (rows due every few milliseconds do, all the time) is
    /// swept at once.
    /// </summary>
    internal TimeSpan NextWait(SweepResult sweep, DateTime? nextDue, PostgresSchedulerOptions settings)
    {
        if (nextDue is not { } due || !sweep.Complete || due <= sweep.ClaimedAt)
        {
            return settings.QueryDelay;
        }

        var untilDue = due - _time.GetUtcNow().UtcDateTime;
        return untilDue <= TimeSpan.Zero ? TimeSpan.Zero : untilDue < settings.QueryDelay ? untilDue : settings.QueryDelay;
    }

    /// <returns>Rows claimed, and false when a send failed or the host stopped (the rest waits for the next sweep).</returns>
    internal async Task<SweepResult> DeliverDue(PostgresSchedulerOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        _claimSql ??= BuildClaimSql(db);

        return await DurableTransaction.RunAsync(db, async () =>
        {
            // Claim (lock) the due ids, then load those rows: EF cannot map an entity with a complex type from raw SQL.
            var claimedAt = _time.GetUtcNow().UtcDateTime;
            var claimed = await db.Database.SqlQueryRaw<Guid>(_claimSql, claimedAt, settings.BatchSize)
                .ToListAsync(cancellationToken);
            var due = claimed.Count == 0
                ? []
                : await db.Set<ScheduledMessageEntry>().Where(x => claimed.Contains(x.TokenId)).OrderBy(x => x.DueAt)
                    .AsTracking().ToListAsync(cancellationToken);

            var complete = true;
            var failuresInARow = 0;
            foreach (var row in due)
            {
                // Stopping: commit what the broker already confirmed instead of sending it again after the restart.
                var outcome = cancellationToken.IsCancellationRequested ? SendOutcome.Stopped : await TrySend(row, settings.SendTimeout, cancellationToken);
                if (outcome == SendOutcome.Sent)
                {
                    db.Remove(row);
                    failuresInARow = 0;
                    continue;
                }

                complete = false;
                if (outcome is not SendOutcome.Failed failure)
                {
                    break;
                }

                SetAside(row, failure.Reason, settings);

                // Set this row aside and go on with the others; two failures in a row look like the broker itself is
                // gone, and then the rest waits for the next sweep instead of being set aside too.
                if (++failuresInARow >= 2)
                {
                    break;
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
            return new SweepResult(due.Count, complete, claimedAt);
        }, cancellationToken);
    }

    private void SetAside(ScheduledMessageEntry row, string reason, PostgresSchedulerOptions settings)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        row.DeliveryAttempts++;
        row.LastError = reason;
        if (row.DeliveryAttempts >= settings.MaxDeliveryAttempts)
        {
            row.DeadLettered = now;
            logger.ScheduledMessageDeadLettered(row.TokenId, row.DeliveryAttempts, reason);
        }
        else
        {
            row.DueAt = now + settings.FailedSendRetryDelay;
        }
    }

    private async Task<SendOutcome> TrySend(ScheduledMessageEntry row, TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeoutSource.CancelAfter(timeout);
        using var activity = StartDeliverActivity(row);
        activity?.SetTag("messaging.message.id", row.Envelope.MessageId);
        activity?.SetTag("messaging.destination.name", row.Destination.ToString());
        try
        {
            var endpoint = await bus.GetSendEndpoint(row.Destination);
            await endpoint.Send(new SerializedMessageBody(), new ScheduledMessageSendPipe(row), timeoutSource.Token);
            metrics.SchedulerDeliveryLag.Record(Math.Max(0, (_time.GetUtcNow().UtcDateTime - row.DueAt).TotalSeconds));
            return SendOutcome.Sent;
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            return SendOutcome.Stopped;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            logger.ScheduledSendFailed(exception, row.TokenId, row.Destination);
            return new SendOutcome.Failed($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>
    /// The delivery's activity, child of the activity that scheduled the row: MassTransit's send activity takes
    /// <see cref="Activity.Current"/> as its parent, so the delivered message continues the scheduler's caller's trace.
    /// Without a listener on our source the activity is created by hand, so a MassTransit listener still sees the parent.
    /// </summary>
    private static Activity? StartDeliverActivity(ScheduledMessageEntry row)
    {
        const string name = "scheduler deliver";
        if (!ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent))
        {
            return DurableMessagingTelemetry.Source.StartActivity(name, ActivityKind.Producer);
        }

        return DurableMessagingTelemetry.Source.StartActivity(name, ActivityKind.Producer, parent)
            ?? new Activity(name) { TraceStateString = parent.TraceState }.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags).Start();
    }

    /// <summary>Counts the backlog, forgets old cancellations (once per query delay) and returns the next due time.</summary>
    private async Task<DateTime?> Housekeep(PostgresSchedulerOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var now = _time.GetUtcNow().UtcDateTime;
        if (now - _housekeepingAt >= settings.QueryDelay)
        {
            _housekeepingAt = now;
            metrics.SetSchedulerBacklog(await db.Set<ScheduledMessageEntry>().LongCountAsync(x => x.DeadLettered == null, cancellationToken));
            var forgetBefore = now - settings.CancellationRetention;
            await db.Set<ScheduledMessageCancellation>().Where(x => x.Cancelled < forgetBefore).ExecuteDeleteAsync(cancellationToken);
        }

        return await db.Set<ScheduledMessageEntry>().Where(x => x.DeadLettered == null).MinAsync(x => (DateTime?)x.DueAt, cancellationToken);
    }

    private static string BuildClaimSql(DbContext db)
    {
        var names = ModelNames.For<ScheduledMessageEntry>(db);
        var dueAt = names.Column(nameof(ScheduledMessageEntry.DueAt));
        return $"SELECT {names.Column(nameof(ScheduledMessageEntry.TokenId))} AS \"Value\" FROM {names.Table} " +
               $"WHERE {dueAt} <= {{0}} AND {names.Column(nameof(ScheduledMessageEntry.DeadLettered))} IS NULL " +
               $"ORDER BY {dueAt} LIMIT {{1}} FOR UPDATE SKIP LOCKED";
    }
}

/// <summary>What one sweep of the scheduler did.</summary>
/// <param name="Claimed">Due rows it claimed (sent or not).</param>
/// <param name="Complete">False when it stopped early: a send failed or the host is stopping.</param>
/// <param name="ClaimedAt">The time it claimed the rows due by.</param>
internal readonly record struct SweepResult(int Claimed, bool Complete, DateTime ClaimedAt);
