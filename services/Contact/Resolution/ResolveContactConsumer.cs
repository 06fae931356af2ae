using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contact.AttachedData;
using Platform.Contact.Contacts;
using Platform.Contracts;
using Platform.DurableMessaging;
using Platform.Messaging;

namespace Platform.Contact.Resolution;

/// <summary>
/// Resolves the writer of every inbound message to one contact, creating it on the first message, and publishes
/// <see cref="ContactResolved"/> through the outbox. Exactly once under races and redelivery: the inbox drops a
/// redelivered event, and the unique identity key makes the loser of two racing first messages fail its commit,
/// retry, and find the winner's contact (docs/contact.md, "Keys").
/// </summary>
[OnlyTransactionalEffects]
public sealed class ResolveContactConsumer(
    ContactStore store,
    AttachedDataParser parser,
    AttachedDataMerger merger,
    AttachedDataMetrics metrics,
    IOptions<ContactOptions> options,
    TimeProvider clock,
    ILogger<ResolveContactConsumer> logger)
    : IConsumer<InboundMessageReceived>
{
    public async Task Consume(ConsumeContext<InboundMessageReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        if (string.IsNullOrEmpty(message.SinchAppId) || message.Identity is null
            || string.IsNullOrEmpty(message.Identity.Channel) || string.IsNullOrEmpty(message.Identity.Identity))
        {
            throw new UnrecoverableMessageException($"Inbound message {message.SinchMessageId} names no app or channel identity.");
        }

        var cancellationToken = context.CancellationToken;
        var now = clock.GetUtcNow();
        var sinchContactId = string.IsNullOrEmpty(message.SinchContactId) ? null : message.SinchContactId;
        await store.LockSinchContactIdsAsync([sinchContactId], cancellationToken);
        var (contact, identity, isNew) = await FindOrCreateAsync(message, sinchContactId, now, cancellationToken);

        if (isNew && sinchContactId is not null)
        {
            await ApplySinchContactAsync(contact, sinchContactId, cancellationToken);
        }
        else if (sinchContactId is not null && contact.SinchContactId is null
            && !await store.SinchContactIdTakenAsync(sinchContactId, contact.Id, cancellationToken))
        {
            contact.SinchContactId = sinchContactId;
            await ApplySinchContactAsync(contact, sinchContactId, cancellationToken);
        }

        var issues = MergeMetadata(contact, message);
        Report(issues, message.SinchMessageId, contact.Id);

        identity.LastSeenAt = identity.LastSeenAt < message.ReceivedAt ? message.ReceivedAt : identity.LastSeenAt;
        contact.UpdatedAt = now;
        await RequestProfileOnceAsync(context, contact, identity, message, now);

        await context.Publish(new ContactResolved
        {
            ContactId = contact.Id,
            Identity = message.Identity,
            SinchContactId = contact.SinchContactId,
            DisplayName = contact.DisplayName!,
            DisplayNameSource = contact.DisplayNameSource,
            IsNew = isNew,
            SinchMessageId = message.SinchMessageId,
            SinchAppId = message.SinchAppId,
            SinchConversationId = string.IsNullOrEmpty(message.SinchConversationId) ? null : message.SinchConversationId,
            AttachedData = contact.AttachedDataMap(),
        });
        logger.ContactResolved(contact.Id, message.SinchMessageId, isNew);
    }

    private async Task<(ContactRecord Contact, IdentityRecord Identity, bool IsNew)> FindOrCreateAsync(
        InboundMessageReceived message, string? sinchContactId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await store.FindIdentityAsync(message.SinchAppId, message.Identity, cancellationToken);
        if (known is not null)
        {
            var owner = await store.LockAsync(known.ContactId, cancellationToken);
            // A merge or erasure committed between the lookup and the lock: a retry reads the new state.
            if (owner is null || !owner.IsLive)
            {
                throw new ContactChangedWhileResolvingException(known.ContactId);
            }

            return (owner, owner.Identities.Single(i => i.Id == known.Id), false);
        }

        // A new identity of a contact Sinch already knows (CONVERSATION mode) joins that contact.
        var contact = sinchContactId is null ? null : await store.LockBySinchContactIdAsync(sinchContactId, cancellationToken);
        var isNew = contact is null;
        if (contact is null)
        {
            contact = new ContactRecord
            {
                Id = NewId.NextGuid(),
                DisplayName = DisplayNames.Normalize(message.Identity.Identity) ?? message.Identity.Identity,
                DisplayNameSource = DisplayNameSources.Identity,
                // Set at once, never after a check: a racing first message of another identity of the same Sinch
                // contact then fails on the unique Sinch id, retries, and joins this contact (docs/contact.md, "Keys").
                SinchContactId = sinchContactId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            store.Db.Contacts.Add(contact);
        }

        var identity = new IdentityRecord
        {
            Id = NewId.NextGuid(),
            ContactId = contact.Id,
            SinchAppId = message.SinchAppId,
            Channel = message.Identity.Channel,
            Identity = message.Identity.Identity,
            IdentityAppId = message.Identity.AppId ?? "",
            FirstSeenAt = message.ReceivedAt,
            LastSeenAt = message.ReceivedAt,
        };
        contact.Identities.Add(identity);

        // A consent Sinch reported before the identity's first message now belongs to this contact.
        var appId = identity.IdentityAppId;
        await store.Db.Consents
            .Where(c => c.ContactId == null && c.SinchAppId == identity.SinchAppId && c.Channel == identity.Channel
                && c.Identity == identity.Identity && c.IdentityAppId == appId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ContactId, contact.Id), cancellationToken);
        return (contact, identity, isNew);
    }

    /// <summary>Takes the name and metadata Sinch reported for the contact before its first message arrived.</summary>
    private async Task ApplySinchContactAsync(ContactRecord contact, string sinchContactId, CancellationToken cancellationToken)
    {
        var snapshot = await store.Db.SinchContacts.AsNoTracking()
            .FirstOrDefaultAsync(s => s.SinchContactId == sinchContactId, cancellationToken);
        if (snapshot is null)
        {
            return;
        }

        DisplayNames.TrySet(contact, snapshot.DisplayName, DisplayNameSources.SinchContact);
        var (entries, issues) = parser.Parse(snapshot.Metadata, AttachedDataSources.SinchContact, snapshot.ChangedAt);
        merger.Merge(contact, entries, issues);
        foreach (var issue in issues)
        {
            metrics.Reported(issue);
        }
    }

    private List<AttachedDataIssue> MergeMetadata(ContactRecord contact, InboundMessageReceived message)
    {
        // The envelope's message_metadata first, the message's own metadata second: at one instant the later wins.
        var conversation = message.ConversationMetadata;
        if (string.IsNullOrWhiteSpace(conversation) && message.Metadata.Count > 0)
        {
            conversation = System.Text.Json.JsonSerializer.Serialize(message.Metadata);
        }

        var (legacy, issues) = parser.Parse(conversation, AttachedDataSources.MessageMetadata, message.ReceivedAt);
        var (own, ownIssues) = parser.Parse(message.MessageMetadata, AttachedDataSources.Metadata, message.ReceivedAt);
        issues.AddRange(ownIssues);
        merger.Merge(contact, legacy.Concat(own), issues);
        return issues;
    }

    private void Report(List<AttachedDataIssue> issues, string sinchMessageId, Guid contactId)
    {
        foreach (var issue in issues)
        {
            metrics.Reported(issue);
        }

        foreach (var group in issues.GroupBy(i => (i.Source, i.Reason)))
        {
            logger.AttachedDataRejected(sinchMessageId, contactId, group.Key.Source, group.Key.Reason);
        }
    }

    /// <summary>
    /// Asks egress for the channel profile once per identity (the request id is stored on the identity), and only while
    /// no stronger name than a profile's is known.
    /// </summary>
    private async Task RequestProfileOnceAsync(
        ConsumeContext context, ContactRecord contact, IdentityRecord identity, InboundMessageReceived message, DateTimeOffset now)
    {
        if (identity.ProfileRequestId is not null
            || !options.Value.FetchesProfile(identity.Channel)
            || DisplayNames.Rank(contact.DisplayNameSource) > DisplayNames.Rank(DisplayNameSources.ChannelProfile))
        {
            return;
        }

        identity.ProfileRequestId = NewId.NextGuid();
        identity.ProfileRequestedAt = now;
        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{options.Value.EgressProfileQueue}"));
        await endpoint.Send(new FetchChannelProfile
        {
            RequestId = identity.ProfileRequestId.Value,
            ContactId = contact.Id,
            SinchAppId = message.SinchAppId,
            Identity = message.Identity,
            SinchContactId = contact.SinchContactId,
            RequestedAt = now,
        }, context.CancellationToken);
        logger.ProfileRequested(contact.Id, identity.ProfileRequestId.Value);
    }
}

/// <summary>The contact was merged or erased while a message was being resolved; a retry reads the new state.</summary>
public sealed class ContactChangedWhileResolvingException(Guid contactId)
    : Exception($"Contact {contactId} was merged or erased while a message was being resolved.");
