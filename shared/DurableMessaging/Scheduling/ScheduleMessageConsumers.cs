using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Platform.DurableMessaging.Scheduling;

/// <summary>
/// Stores a <see cref="ScheduleMessage"/> as a <see cref="ScheduledMessageEntry"/> row (Quartz-shaped: payload re-serialized
/// with its own types, envelope taken from the command: <see cref="MessageEnvelope.Of(ConsumeContext{ScheduleMessage})"/>). Upserts by token, so a redelivered command replaces its row.
/// </summary>
internal sealed class ScheduleMessageConsumer<TDbContext>(
    TDbContext db,
    SchedulerWakeUp wakeUp,
    TimeProvider time,
    ILogger<ScheduleMessageConsumer<TDbContext>> logger)
    : IConsumer<ScheduleMessage>
    where TDbContext : DbContext
{
    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var command = context.Message;
        var tokenId = command.CorrelationId;
        var dueAt = command.ScheduledTime.Kind == DateTimeKind.Unspecified
            ? DateTime.SpecifyKind(command.ScheduledTime, DateTimeKind.Utc)
            : command.ScheduledTime.ToUniversalTime();

        var stored = await DurableTransaction.RunAsync(db, () => Store(context, tokenId, dueAt), context.CancellationToken);
        if (stored)
        {
            logger.MessageScheduled(tokenId, dueAt);
            wakeUp.Notify();
        }
        else
        {
            logger.ScheduleIgnoredCancelled(tokenId);
        }
    }

    private async Task<bool> Store(ConsumeContext<ScheduleMessage> context, Guid tokenId, DateTime dueAt)
    {
        await ScheduledTokenLock.Acquire(db, tokenId, context.CancellationToken);
        var cancellation = await db.Set<ScheduledMessageCancellation>().SingleOrDefaultAsync(x => x.TokenId == tokenId, context.CancellationToken);
        if (cancellation is not null)
        {
            // Only a schedule sent before the cancel is stale (a redelivered or late command). MassTransit reuses tokens
            // (request timeouts use the request id, which can be the saga's id), so a newer schedule is legitimate.
            if (ScheduleOrder.Of(context).IsNotAfter(cancellation))
            {
                return false;
            }

            db.Remove(cancellation);
        }

        var row = await db.Set<ScheduledMessageEntry>().SingleOrDefaultAsync(x => x.TokenId == tokenId, context.CancellationToken);
        if (row is null)
        {
            row = new ScheduledMessageEntry { TokenId = tokenId, Created = time.GetUtcNow().UtcDateTime };
            db.Add(row);
        }

        row.DueAt = dueAt;
        row.Destination = context.Message.Destination;
        row.Envelope = MessageEnvelope.Of(context);
        row.DeliveryAttempts = 0;
        row.LastError = null;
        row.DeadLettered = null;

        // The consumer's activity continues the trace of whoever scheduled (MassTransit's MT-Activity-Id header); the
        // send activity that MassTransit starts at delivery would otherwise begin a new trace.
        var activity = Activity.Current;
        row.TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null;
        row.TraceState = row.TraceParent is null ? null : activity!.TraceStateString;

        await db.SaveChangesAsync(context.CancellationToken);
        return true;
    }
}

/// <summary>
/// Deletes a scheduled message by token and remembers when it was cancelled, so a schedule command sent earlier but
/// arriving later (redelivered, reordered) cannot revive it.
/// </summary>
internal sealed class CancelScheduledMessageConsumer<TDbContext>(TDbContext db, ILogger<CancelScheduledMessageConsumer<TDbContext>> logger)
    : IConsumer<CancelScheduledMessage>
    where TDbContext : DbContext
{
    public async Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        var tokenId = context.Message.TokenId;
        var removed = await DurableTransaction.RunAsync(db, async () =>
        {
            await ScheduledTokenLock.Acquire(db, tokenId, context.CancellationToken);
            var removed = await db.Set<ScheduledMessageEntry>().Where(x => x.TokenId == tokenId).ExecuteDeleteAsync(context.CancellationToken);
            var order = ScheduleOrder.Of(context);
            var cancellation = await db.Set<ScheduledMessageCancellation>().SingleOrDefaultAsync(x => x.TokenId == tokenId, context.CancellationToken);
            if (cancellation is null)
            {
                cancellation = new ScheduledMessageCancellation { TokenId = tokenId };
                db.Add(cancellation);
                order.WriteTo(cancellation);
            }
            else if (order.IsAfter(cancellation))
            {
                order.WriteTo(cancellation);
            }

            await db.SaveChangesAsync(context.CancellationToken);
            return removed;
        }, context.CancellationToken);
        logger.ScheduleCancelled(tokenId, removed);
    }
}

/// <summary>
/// A transaction-scoped advisory lock per token: schedule and cancel of one token never interleave, so a cancel that
/// races its schedule command either deletes the row or leaves the tombstone the schedule then sees.
/// </summary>
internal static class ScheduledTokenLock
{
    public static Task Acquire(DbContext db, Guid tokenId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({tokenId.ToString("N")}, 0))", cancellationToken);
}
