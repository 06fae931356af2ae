using System.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contact.Contacts;
using Platform.Contracts;

namespace Platform.Contact.Erasure;

public enum ErasureOutcome
{
    Erased,
    AlreadyErased,
    Merged,
    NotFound,
}

/// <summary>
/// GDPR erasure (docs/contact.md, "Erasure"): names, identities, attached data, the Sinch link and snapshot, and the
/// identities on consents go; the contact row stays as the record of the erasure (id, created, erased). The erasure
/// and <see cref="ContactErased"/> commit together through the bus outbox, so routing and media always hear of it.
/// </summary>
public sealed class ContactEraser(ContactStore store, IPublishEndpoint publishEndpoint, TimeProvider clock, ILogger<ContactEraser> logger)
{
    public async Task<ErasureOutcome> EraseAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var db = store.Db;
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var contact = await store.LockAsync(contactId, cancellationToken);
        if (contact is null)
        {
            return ErasureOutcome.NotFound;
        }

        if (contact.ErasedAt is not null)
        {
            return ErasureOutcome.AlreadyErased;
        }

        if (contact.MergedIntoId is not null)
        {
            return ErasureOutcome.Merged;
        }

        var now = clock.GetUtcNow();
        var identities = contact.Identities
            .Select(i => new ChannelIdentity { Channel = i.Channel, Identity = i.Identity, AppId = i.IdentityAppId.Length == 0 ? null : i.IdentityAppId })
            .ToList();
        List<string> sinchContactIds = contact.SinchContactId is null ? [] : [contact.SinchContactId];

        db.Identities.RemoveRange(contact.Identities);
        db.AttachedData.RemoveRange(contact.AttachedData);
        await db.Consents.Where(c => c.ContactId == contactId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Identity, (string?)null).SetProperty(c => c.IdentityAppId, ""), cancellationToken);
        if (contact.SinchContactId is { } sinchContactId)
        {
            await db.SinchContacts.Where(s => s.SinchContactId == sinchContactId).ExecuteDeleteAsync(cancellationToken);
        }

        contact.DisplayName = null;
        contact.DisplayNameSource = DisplayNameSources.Identity;
        contact.SinchContactId = null;
        contact.ErasedAt = now;
        contact.UpdatedAt = now;

        await publishEndpoint.Publish(new ContactErased
        {
            ContactId = contactId,
            Identities = identities,
            SinchContactIds = sinchContactIds,
            ErasedAt = now,
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        logger.ContactErased(contactId);
        return ErasureOutcome.Erased;
    }
}

/// <summary>Event ids 1600-1699 belong to Erasure.</summary>
internal static partial class ErasureLog
{
    [LoggerMessage(1601, LogLevel.Information, "Contact {ContactId} erased")]
    public static partial void ContactErased(this ILogger logger, Guid contactId);
}
