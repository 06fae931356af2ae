using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.DurableMessaging;
using Platform.Routing.Conversations;
using Platform.Routing.Live;
using Platform.Routing.Persistence;

namespace Platform.Routing.Transcripts;

/// <summary>
/// Facts other services publish about one customer message: contact's resolution (the display name, the contact id,
/// attached data) and media's copy of its attachment (the internal media id replaces the channel's URL). Matched by
/// Sinch message id; when the message is not in the transcript yet, the fact waits for it.
/// </summary>
[OnlyTransactionalEffects]
public sealed class MessageFactsConsumer(RoutingDbContext db, TimeProvider clock, ILogger<MessageFactsConsumer> logger)
    : IConsumer<ContactResolved>, IConsumer<MediaStored>, IConsumer<MediaTransferFailed>
{
    public async Task Consume(ConsumeContext<ContactResolved> context)
    {
        var resolved = context.Message;
        if (resolved.SinchMessageId is not { Length: > 0 } sinchMessageId)
        {
            return;
        }

        var contact = new ContactDetails { ContactId = resolved.ContactId, DisplayName = resolved.DisplayName, Attributes = resolved.AttachedData };
        var entry = await LockedEntryAsync(sinchMessageId, context.CancellationToken);
        if (entry is null)
        {
            await KeepAsync(sinchMessageId, PendingFacts.Contact, contact, context.CancellationToken);
            return;
        }

        // The name goes on the conversation's customer messages that have none yet, and on the conversation.
        await db.Transcript.Where(e => e.ConversationId == entry.ConversationId && e.Author == Authors.Customer && e.AuthorName == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.AuthorName, resolved.DisplayName), context.CancellationToken);
        if (!await db.Conversations.AnyAsync(c => c.CorrelationId == entry.ConversationId, context.CancellationToken))
        {
            // Stored, but its conversation's first message is still in flight: an event now would find no conversation
            // and wait for a redelivery. The saga takes the fact when it records the message, under the lock held here.
            await KeepAsync(sinchMessageId, PendingFacts.Contact, contact, context.CancellationToken);
            return;
        }

        await context.Publish(new ConversationContactChanged { ConversationId = entry.ConversationId, Contact = contact }, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<MediaStored> context)
    {
        var stored = context.Message;
        if (stored.ConversationId != Guid.Empty || stored.SinchMessageId is not { Length: > 0 } sinchMessageId)
        {
            return;
        }

        var entry = await LockedEntryAsync(sinchMessageId, context.CancellationToken);
        if (entry is null)
        {
            await KeepAsync(sinchMessageId, PendingFacts.Media, stored, context.CancellationToken);
            return;
        }

        MediaFacts.Apply(entry, stored);
        await db.SaveChangesAsync(context.CancellationToken);
        await NotifyMediaAsync(entry, "stored", context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<MediaTransferFailed> context)
    {
        var failed = context.Message;
        if (failed.ConversationId != Guid.Empty || failed.SinchMessageId is not { Length: > 0 } sinchMessageId)
        {
            return;
        }

        var entry = await LockedEntryAsync(sinchMessageId, context.CancellationToken);
        if (entry is null)
        {
            await KeepAsync(sinchMessageId, PendingFacts.MediaFailed, failed, context.CancellationToken);
            return;
        }

        MediaFacts.Apply(entry, failed);
        await db.SaveChangesAsync(context.CancellationToken);
        await NotifyMediaAsync(entry, "failed", context.CancellationToken);
    }

    /// <summary>A console showing the message swaps the channel's URL for the stored copy (or the failure) live.</summary>
    private async Task NotifyMediaAsync(TranscriptEntry entry, string outcome, CancellationToken cancellationToken)
    {
        var agentId = await db.Conversations.AsNoTracking().Where(c => c.CorrelationId == entry.ConversationId).Select(c => c.AgentId)
            .FirstOrDefaultAsync(cancellationToken);
        await LiveNotifications.NotifyAsync(db, new LiveUpdate("transcript-media", entry.ConversationId, agentId, null, entry.Id, outcome), cancellationToken);
    }

    private async Task<TranscriptEntry?> LockedEntryAsync(string sinchMessageId, CancellationToken cancellationToken)
    {
        await MessageLocks.LockAsync(db, sinchMessageId, cancellationToken);
        return await db.Transcript.FirstOrDefaultAsync(e => e.SinchMessageId == sinchMessageId, cancellationToken);
    }

    private async Task KeepAsync<T>(string sinchMessageId, string kind, T fact, CancellationToken cancellationToken)
    {
        await PendingFacts.KeepAsync(db, sinchMessageId, kind, fact, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.FactKept(kind, sinchMessageId);
    }
}
