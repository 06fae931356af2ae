using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contact.AttachedData;
using Platform.Contact.Contacts;
using Platform.Contracts;
using Platform.DurableMessaging;

namespace Platform.Contact.SinchContacts;

/// <summary>
/// Applies Sinch's contact changes (docs/contact.md, "Sinch contacts"): CREATED/UPDATED keep the latest snapshot and
/// give linked contacts Sinch's display name and metadata; DELETED unlinks; MERGED folds our contact of the removed
/// Sinch contact into the survivor's and publishes <see cref="ContactsMerged"/>. Idempotent: replays and late,
/// older changes find nothing left to do.
/// </summary>
[OnlyTransactionalEffects]
public sealed class ApplySinchContactChangeConsumer(
    ContactStore store,
    ContactMerger contactMerger,
    AttachedDataParser parser,
    AttachedDataMerger merger,
    AttachedDataMetrics metrics,
    TimeProvider clock,
    ILogger<ApplySinchContactChangeConsumer> logger)
    : IConsumer<SinchContactChanged>, IConsumer<ContactIdentitiesDuplicated>
{
    public async Task Consume(ConsumeContext<SinchContactChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var change = context.Message;
        if (change.Contact is null || string.IsNullOrEmpty(change.Contact.Id))
        {
            throw new Messaging.UnrecoverableMessageException("Sinch contact change without a contact id.");
        }

        await store.LockSinchContactIdsAsync([change.Contact.Id, change.MergedContact?.Id], context.CancellationToken);
        switch (change.Change)
        {
            case ContactChanges.Created or ContactChanges.Updated:
                await ApplyUpdateAsync(context, change.SinchAppId, change.Contact, change.OccurredAt);
                break;
            case ContactChanges.Deleted:
                await ApplyDeleteAsync(change.Contact.Id, context.CancellationToken);
                break;
            case ContactChanges.Merged:
                await ApplyMergeAsync(context, change);
                break;
            default:
                logger.ChangeNotUsed(change.Change, change.Contact.Id);
                break;
        }
    }

    /// <summary>
    /// Sinch found one identity on several of its contacts. Our identity key already allows only one of our contacts
    /// per identity, so there is nothing to fold here; the report is logged for a person to merge in Sinch, whose
    /// CONTACT_MERGE then arrives as a merge.
    /// </summary>
    public Task Consume(ConsumeContext<ContactIdentitiesDuplicated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var duplicate in context.Message.Duplicates)
        {
            logger.IdentitiesDuplicated(context.Message.SinchAppId, duplicate.Channel, string.Join(",", duplicate.SinchContactIds));
        }

        return Task.CompletedTask;
    }

    private async Task ApplyUpdateAsync(ConsumeContext context, string? sinchAppId, SinchContact sinchContact, DateTimeOffset occurredAt)
    {
        var cancellationToken = context.CancellationToken;
        if (!await StoreSnapshotAsync(sinchContact, occurredAt, cancellationToken))
        {
            logger.ChangeOutdated(sinchContact.Id);
            return;
        }

        var linked = await store.Db.Contacts
            .Where(c => c.SinchContactId == sinchContact.Id && c.MergedIntoId == null && c.ErasedAt == null)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var targets = linked.Count > 0
            ? linked
            : await store.FindContactIdsByIdentitiesAsync(sinchAppId, sinchContact.ChannelIdentities, cancellationToken);
        foreach (var contactId in targets.Order())
        {
            var contact = await store.LockAsync(contactId, cancellationToken);
            if (contact is null || !contact.IsLive || (contact.SinchContactId is not null && contact.SinchContactId != sinchContact.Id))
            {
                continue;
            }

            if (contact.SinchContactId is null && !await store.SinchContactIdTakenAsync(sinchContact.Id, contact.Id, cancellationToken))
            {
                contact.SinchContactId = sinchContact.Id;
            }

            var changed = DisplayNames.TrySet(contact, sinchContact.DisplayName, DisplayNameSources.SinchContact);
            var (entries, issues) = parser.Parse(sinchContact.Metadata, AttachedDataSources.SinchContact, occurredAt);
            changed |= merger.Merge(contact, entries, issues);
            foreach (var issue in issues)
            {
                metrics.Reported(issue);
                logger.SinchMetadataRejected(contact.Id, issue.Reason);
            }

            if (changed)
            {
                await PublishUpdatedAsync(context, contact);
            }
        }
    }

    private async Task ApplyDeleteAsync(string sinchContactId, CancellationToken cancellationToken)
    {
        await store.Db.SinchContacts.Where(s => s.SinchContactId == sinchContactId).ExecuteDeleteAsync(cancellationToken);
        var contact = await store.LockBySinchContactIdAsync(sinchContactId, cancellationToken);
        if (contact is not null)
        {
            // Sinch forgot the contact; ours stays (with its identities and history) and links again on a later message.
            contact.SinchContactId = null;
            contact.UpdatedAt = clock.GetUtcNow();
            logger.SinchContactUnlinked(contact.Id);
        }
    }

    private async Task ApplyMergeAsync(ConsumeContext context, SinchContactChanged change)
    {
        var cancellationToken = context.CancellationToken;
        var removedId = change.MergedContact?.Id;
        if (!string.IsNullOrEmpty(removedId))
        {
            await store.Db.SinchContacts.Where(s => s.SinchContactId == removedId).ExecuteDeleteAsync(cancellationToken);
            var survivorId = await LiveContactIdAsync(change.Contact.Id, cancellationToken);
            var mergedId = await LiveContactIdAsync(removedId, cancellationToken);
            if (mergedId is not null)
            {
                await MergeOrRelinkAsync(context, survivorId, mergedId.Value, change.Contact.Id);

                // Written (not yet committed) so that the update below finds the contact under its surviving Sinch id.
                await store.Db.SaveChangesAsync(cancellationToken);
            }
        }

        await ApplyUpdateAsync(context, change.SinchAppId, change.Contact, change.OccurredAt);
    }

    private async Task MergeOrRelinkAsync(ConsumeContext context, Guid? survivorId, Guid mergedId, string survivingSinchId)
    {
        var cancellationToken = context.CancellationToken;
        var now = clock.GetUtcNow();
        if (survivorId is null)
        {
            // Only the removed Sinch contact was ours: the same contact now stands for the surviving Sinch contact.
            var only = await store.LockAsync(mergedId, cancellationToken);
            if (only is { IsLive: true })
            {
                only.SinchContactId = survivingSinchId;
                only.UpdatedAt = now;
            }

            return;
        }

        // Lock in id order, so that two merges of the same pair never wait on each other crosswise.
        Guid[] order = [.. new[] { survivorId.Value, mergedId }.Order()];
        var first = await store.LockAsync(order[0], cancellationToken);
        var second = await store.LockAsync(order[1], cancellationToken);
        var surviving = first?.Id == survivorId ? first : second;
        var merged = first?.Id == mergedId ? first : second;
        if (surviving is not { IsLive: true } || merged is not { IsLive: true })
        {
            throw new InvalidOperationException($"Contact {mergedId} or {survivorId} changed while a merge was applied.");
        }

        await contactMerger.MergeAsync(surviving, merged, now, cancellationToken);
        await context.Publish(new ContactsMerged
        {
            SurvivingContactId = surviving.Id,
            MergedContactId = merged.Id,
            DisplayName = surviving.DisplayName!,
            MergedAt = now,
        }, cancellationToken);
        logger.ContactsMerged(surviving.Id, merged.Id);
    }

    private Task<Guid?> LiveContactIdAsync(string sinchContactId, CancellationToken cancellationToken) =>
        store.Db.Contacts
            .Where(c => c.SinchContactId == sinchContactId && c.MergedIntoId == null && c.ErasedAt == null)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Keeps the latest snapshot; returns false when the stored one is newer (a late, older change).</summary>
    private async Task<bool> StoreSnapshotAsync(SinchContact sinchContact, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var snapshot = await store.Db.SinchContacts.FirstOrDefaultAsync(s => s.SinchContactId == sinchContact.Id, cancellationToken);
        if (snapshot is not null && snapshot.ChangedAt > occurredAt)
        {
            return false;
        }

        if (snapshot is null)
        {
            snapshot = new SinchContactSnapshot { SinchContactId = sinchContact.Id };
            store.Db.SinchContacts.Add(snapshot);
        }

        snapshot.DisplayName = DisplayNames.Normalize(sinchContact.DisplayName);
        snapshot.Metadata = string.IsNullOrWhiteSpace(sinchContact.Metadata) ? null : sinchContact.Metadata;
        snapshot.ChangedAt = occurredAt;
        return true;
    }

    private async Task PublishUpdatedAsync(ConsumeContext context, ContactRecord contact)
    {
        var now = clock.GetUtcNow();
        contact.UpdatedAt = now;
        await context.Publish(new ContactUpdated
        {
            ContactId = contact.Id,
            DisplayName = contact.DisplayName!,
            DisplayNameSource = contact.DisplayNameSource,
            AttachedData = contact.AttachedDataMap(),
            UpdatedAt = now,
        }, context.CancellationToken);
        logger.ContactUpdatedFromSinch(contact.Id);
    }
}
