using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.DurableMessaging;
using Platform.Routing.Persistence;
using Platform.Routing.Transcripts;

namespace Platform.Routing.Conversations;

/// <summary>
/// Stores each customer message once in the transcript (unique Sinch message id), picks its conversation from the
/// thread (docs/routing.md, "Correlation" and "Re-open rule") and hands it to the conversation saga. One transaction
/// with the inbox: a redelivered or re-posted message finds its entry and changes nothing.
/// </summary>
[OnlyTransactionalEffects]
public sealed class InboundMessageIntakeConsumer(
    RoutingDbContext db,
    IOptions<ConversationOptions> options,
    ILogger<InboundMessageIntakeConsumer> logger) : IConsumer<InboundMessageReceived>
{
    public async Task Consume(ConsumeContext<InboundMessageReceived> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        if (string.IsNullOrWhiteSpace(message.SinchMessageId) || string.IsNullOrWhiteSpace(message.SinchAppId)
            || string.IsNullOrWhiteSpace(message.Identity?.Identity))
        {
            throw new Messaging.UnrecoverableMessageException("An inbound message needs a Sinch message id, an app id and an identity.");
        }

        await MessageLocks.LockAsync(db, message.SinchMessageId, cancellationToken);
        if (await db.Transcript.AnyAsync(e => e.SinchMessageId == message.SinchMessageId, cancellationToken))
        {
            logger.DuplicateInboundMessage(message.SinchMessageId);
            return;
        }

        var threadKey = ConversationThreads.KeyOf(message);
        var conversationId = await PickConversationAsync(threadKey, message, cancellationToken);
        var displayName = await db.Conversations.AsNoTracking().Where(c => c.CorrelationId == conversationId)
            .Select(c => c.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var entry = InboundEntries.From(message, conversationId, displayName);
        await QuoteAsync(entry, message, cancellationToken);
        var contact = await PendingFacts.ApplyAsync(db, entry, cancellationToken);
        db.Transcript.Add(entry);
        await db.SaveChangesAsync(cancellationToken);

        await context.Publish(new CustomerMessageArrived
        {
            ConversationId = conversationId,
            EntryId = entry.Id,
            ThreadKey = threadKey,
            Message = message,
            Contact = contact,
        }, cancellationToken);
        logger.InboundMessageStored(message.SinchMessageId, conversationId);
    }

    private async Task<Guid> PickConversationAsync(string threadKey, InboundMessageReceived message, CancellationToken cancellationToken)
    {
        // Locked: two messages of one new thread must agree on its conversation; the loser of an insert race retries.
        // Single, not First: the key is unique, and EF warns (10103) about a First it cannot see a filter for.
        var thread = await db.Threads.FromSql($"SELECT * FROM routing.conversation_threads WHERE \"Key\" = {threadKey} FOR UPDATE")
            .AsTracking().SingleOrDefaultAsync(cancellationToken);
        if (thread is null)
        {
            thread = new ConversationThread
            {
                Key = threadKey,
                SinchAppId = message.SinchAppId,
                SinchConversationId = message.SinchConversationId,
                ConversationId = ConversationThreads.ConversationIdOf(threadKey, message.SinchConversationId, 0),
            };
            db.Threads.Add(thread);
            return thread.ConversationId;
        }

        // A message older than the end belongs to the ended conversation (it only raced the end); one within the
        // re-open window re-opens it; a later one starts the thread's next conversation. Judged on the message's own
        // time, so a redelivery decides the same way.
        if (thread.EndedAt is { } endedAt && message.ReceivedAt > endedAt
            && message.ReceivedAt - endedAt > TimeSpan.FromSeconds(options.Value.ReopenWindowSeconds))
        {
            thread.Generation++;
            thread.ConversationId = ConversationThreads.ConversationIdOf(threadKey, message.SinchConversationId, thread.Generation);
            thread.EndedAt = null;
        }

        return thread.ConversationId;
    }

    private async Task QuoteAsync(TranscriptEntry entry, InboundMessageReceived message, CancellationToken cancellationToken)
    {
        if (message.QuotedMessageId is not { Length: > 0 } quotedId)
        {
            return;
        }

        var quoted = await db.Transcript.AsNoTracking().FirstOrDefaultAsync(e => e.SinchMessageId == quotedId, cancellationToken);
        var settings = options.Value;
        if (quoted is not null && QuotePolicy.Shows(message.Channel, quoted, message.ReceivedAt, TimeSpan.FromDays(settings.QuoteMaxAgeDays)))
        {
            entry.QuotedEntryId = quoted.Id;
            entry.QuoteText = QuotePolicy.Preview(quoted, settings.QuotePreviewLength);
        }
    }
}
