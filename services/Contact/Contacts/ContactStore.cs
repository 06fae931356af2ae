using Microsoft.EntityFrameworkCore;
using Platform.Contact.Persistence;
using Platform.Contracts;

namespace Platform.Contact.Contacts;

/// <summary>
/// Loads contacts for a change. Every change to a contact first takes its row lock (<c>FOR UPDATE</c>), so two
/// messages, a merge or an erasure of one contact run one after the other; READ COMMITTED then re-reads what the
/// previous holder committed.
/// </summary>
public sealed class ContactStore(ContactDbContext db)
{
    public ContactDbContext Db => db;

    /// <summary>
    /// Serialises everything about one Sinch contact id until the transaction ends (a transaction-scoped advisory
    /// lock): a first message and Sinch's CONTACT_CREATE/UPDATE for it would otherwise each miss the other's
    /// uncommitted row (the contact, the snapshot) and the name would be lost (docs/contact.md, "Keys"). Several ids
    /// are locked in order, so two transactions never wait on each other crosswise.
    /// </summary>
    public async Task LockSinchContactIdsAsync(IEnumerable<string?> sinchContactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sinchContactIds);
        foreach (var id in sinchContactIds.Where(i => !string.IsNullOrEmpty(i)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtextextended({0}, 16))", [id!], cancellationToken);
        }
    }

    /// <summary>Locks the contact and loads its identities and attached data; null when no such contact.</summary>
    public async Task<ContactRecord?> LockAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var rows = await db.Contacts
            .FromSqlRaw("SELECT * FROM contact.contacts WHERE id = {0} FOR UPDATE", contactId)
            .AsTracking()
            .ToListAsync(cancellationToken);
        var contact = rows.SingleOrDefault();
        if (contact is not null)
        {
            await db.Entry(contact).Collection(c => c.Identities).LoadAsync(cancellationToken);
            await db.Entry(contact).Collection(c => c.AttachedData).LoadAsync(cancellationToken);
        }

        return contact;
    }

    /// <summary>Locks the live contact linked to a Sinch contact id; null when none.</summary>
    public async Task<ContactRecord?> LockBySinchContactIdAsync(string sinchContactId, CancellationToken cancellationToken)
    {
        var id = await db.Contacts
            .Where(c => c.SinchContactId == sinchContactId && c.MergedIntoId == null && c.ErasedAt == null)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await LockAsync(id.Value, cancellationToken);
    }

    public Task<IdentityRecord?> FindIdentityAsync(string sinchAppId, ChannelIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var appId = identity.AppId ?? "";
        return db.Identities.AsNoTracking().FirstOrDefaultAsync(
            i => i.SinchAppId == sinchAppId && i.Channel == identity.Channel && i.Identity == identity.Identity && i.IdentityAppId == appId,
            cancellationToken);
    }

    /// <summary>Ids of live contacts that hold one of the identities on any app (Sinch may report a contact without its app).</summary>
    public async Task<List<Guid>> FindContactIdsByIdentitiesAsync(
        string? sinchAppId, IReadOnlyList<ChannelIdentity> identities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var found = new HashSet<Guid>();
        foreach (var identity in identities.Where(i => !string.IsNullOrEmpty(i.Identity)))
        {
            var appId = identity.AppId ?? "";
            var query = db.Identities.Where(i => i.Channel == identity.Channel && i.Identity == identity.Identity && i.IdentityAppId == appId);
            if (!string.IsNullOrEmpty(sinchAppId))
            {
                query = query.Where(i => i.SinchAppId == sinchAppId);
            }

            found.UnionWith(await query.Select(i => i.ContactId).ToListAsync(cancellationToken));
        }

        return [.. found.Order()];
    }

    public Task<bool> SinchContactIdTakenAsync(string sinchContactId, Guid exceptContactId, CancellationToken cancellationToken) =>
        db.Contacts.AnyAsync(c => c.SinchContactId == sinchContactId && c.Id != exceptContactId, cancellationToken);
}
