using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.DurableMessaging;
using Platform.Routing.Live;
using Platform.Routing.Persistence;

namespace Platform.Routing.Transcripts;

/// <summary>
/// Keeps each reply's delivery status current from egress. Statuses may arrive out of order (READ before DELIVERED):
/// an entry only moves forward (<see cref="StatusOrder"/>), and a failure after delivery is not believed, whatever
/// the order.
/// </summary>
[OnlyTransactionalEffects]
public sealed class TranscriptStatusConsumer(RoutingDbContext db, ILogger<TranscriptStatusConsumer> logger) : IConsumer<OutboundMessageStatusChanged>
{
    public async Task Consume(ConsumeContext<OutboundMessageStatusChanged> context)
    {
        var status = context.Message;
        // Locked: statuses of one message are consumed concurrently and must not overwrite each other.
        var entry = await db.Transcript.FromSql($"SELECT * FROM routing.transcript_entries WHERE \"OutboundMessageId\" = {status.OutboundMessageId} FOR UPDATE")
            .AsTracking().SingleOrDefaultAsync(context.CancellationToken); // OutboundMessageId is unique
        if (entry is null || !StatusOrder.Advances(entry.Status, status.Status))
        {
            logger.StatusNotApplied(status.OutboundMessageId, status.Status);
            return;
        }

        entry.Status = status.Status;
        entry.StatusAt = status.At;
        entry.SinchMessageId ??= status.SinchMessageId;
        if (status.Status == OutboundMessageStatuses.Failed)
        {
            entry.FailureCode = status.FailureCode;
            entry.FailureReason = status.FailureDescription ?? status.FailureCode;
        }

        await db.SaveChangesAsync(context.CancellationToken);
        var agentId = await db.Conversations.AsNoTracking().Where(c => c.CorrelationId == entry.ConversationId).Select(c => c.AgentId)
            .FirstOrDefaultAsync(context.CancellationToken);
        await LiveNotifications.NotifyAsync(db, new LiveUpdate("transcript-status", entry.ConversationId, agentId, null, entry.Id, status.Status), context.CancellationToken);
    }
}

/// <summary>The order of delivery statuses; unknown ones (e.g. SWITCHING_CHANNEL) never overwrite a known one.</summary>
public static class StatusOrder
{
    public static int Rank(string? status) => status switch
    {
        OutboundMessageStatuses.Requested => 0,
        OutboundMessageStatuses.Submitted => 1,
        OutboundMessageStatuses.QueuedOnChannel => 2,
        OutboundMessageStatuses.Delivered => 3,
        OutboundMessageStatuses.Read => 4,
        OutboundMessageStatuses.Failed => 3,
        _ => -1,
    };

    public static bool Advances(string? current, string next)
    {
        var rank = Rank(next);
        if (rank < 0)
        {
            return false;
        }

        // FAILED shares DELIVERED's rank: it wins over anything before delivery, never over delivered or read; a
        // delivery or read reported after a failure proves the message arrived. So the outcome of a set of statuses
        // does not depend on the order they are consumed in.
        if (current == OutboundMessageStatuses.Failed)
        {
            return next is OutboundMessageStatuses.Delivered or OutboundMessageStatuses.Read;
        }

        return rank > Rank(current);
    }
}
