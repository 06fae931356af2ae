using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.DurableMessaging;
using Platform.Routing.Conversations;
using Platform.Routing.Persistence;

namespace Platform.Routing.Transcripts;

/// <summary>
/// Contact's changes outside a message: a new name or attached data and merges reach the open conversations of the
/// contact; an erasure blanks the personal data routing holds for the contact's identities (identity, names, message
/// content, quotes), in every conversation, open or ended.
/// </summary>
[OnlyTransactionalEffects]
public sealed class ContactChangesConsumer(RoutingDbContext db, ILogger<ContactChangesConsumer> logger)
    : IConsumer<ContactUpdated>, IConsumer<ContactsMerged>, IConsumer<ContactErased>
{
    public async Task Consume(ConsumeContext<ContactUpdated> context)
    {
        var updated = context.Message;
        var contact = new ContactDetails { ContactId = updated.ContactId, DisplayName = updated.DisplayName, Attributes = updated.AttachedData };
        foreach (var id in await OpenConversationsOf(updated.ContactId, context.CancellationToken))
        {
            await context.Publish(new ConversationContactChanged { ConversationId = id, Contact = contact }, context.CancellationToken);
        }
    }

    public async Task Consume(ConsumeContext<ContactsMerged> context)
    {
        var merged = context.Message;
        var contact = new ContactDetails { ContactId = merged.SurvivingContactId, DisplayName = merged.DisplayName };
        foreach (var id in await OpenConversationsOf(merged.MergedContactId, context.CancellationToken))
        {
            await context.Publish(new ConversationContactChanged { ConversationId = id, Contact = contact }, context.CancellationToken);
        }
    }

    public async Task Consume(ConsumeContext<ContactErased> context)
    {
        var erased = context.Message;
        var cancellationToken = context.CancellationToken;
        var identities = erased.Identities.Select(i => i.Channel + "\u001f" + i.Identity).ToList();
        var conversations = await db.Conversations
            .Where(c => c.ContactId == erased.ContactId || identities.Contains(c.Channel + "\u001f" + c.Identity)
                || (c.SinchContactId != null && erased.SinchContactIds.Contains(c.SinchContactId)))
            .Select(c => c.CorrelationId)
            .ToListAsync(cancellationToken);
        if (conversations.Count == 0)
        {
            return;
        }

        // Direct updates: an erasure must not wait for, nor be undone by, the conversations' own events; a saga that
        // loaded its row before this commit fails its version check and retries on the erased row.
        await db.Conversations.Where(c => conversations.Contains(c.CorrelationId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Identity, "")
                .SetProperty(c => c.DisplayName, (string?)null)
                .SetProperty(c => c.SinchContactId, (string?)null)
                .SetProperty(c => c.ConversationMetadata, (string?)null), cancellationToken);
        await db.Transcript.Where(e => conversations.Contains(e.ConversationId) && e.Author == Authors.Customer)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Text, (string?)null)
                .SetProperty(e => e.ContentJson, (string?)null)
                .SetProperty(e => e.MediaUrl, (string?)null)
                .SetProperty(e => e.AuthorName, (string?)null)
                .SetProperty(e => e.Erased, true), cancellationToken);
        await db.Transcript.Where(e => conversations.Contains(e.ConversationId))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.QuoteText, (string?)null), cancellationToken);
        foreach (var conversation in await db.Conversations.Where(c => conversations.Contains(c.CorrelationId)).ToListAsync(cancellationToken))
        {
            conversation.ContactAttributes = [];
            conversation.Metadata = [];
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.ContactErased(erased.ContactId, conversations.Count);
    }

    private Task<List<Guid>> OpenConversationsOf(Guid contactId, CancellationToken cancellationToken) =>
        db.Conversations.AsNoTracking().Where(c => c.ContactId == contactId && c.EndedAt == null).Select(c => c.CorrelationId).ToListAsync(cancellationToken);
}
