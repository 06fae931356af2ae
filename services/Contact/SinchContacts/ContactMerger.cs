using Microsoft.EntityFrameworkCore;
using Platform.Contact.AttachedData;
using Platform.Contact.Contacts;

namespace Platform.Contact.SinchContacts;

/// <summary>
/// Folds one contact into another (docs/contact.md, "Merge"): identities and consents move, attached data merges by
/// the usual precedence, the stronger name stays, and the merged contact remains as a tombstone without personal data
/// that points at the survivor. Both contacts must be locked by the caller.
/// </summary>
public sealed class ContactMerger(ContactStore store, AttachedDataMerger merger)
{
    public async Task MergeAsync(ContactRecord surviving, ContactRecord merged, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(surviving);
        ArgumentNullException.ThrowIfNull(merged);
        foreach (var identity in merged.Identities.ToList())
        {
            identity.ContactId = surviving.Id;
        }

        var moved = merged.AttachedData.Select(e => new AttachedDataCandidate(e.Key, e.Value, e.Source, e.ChangedAt)).ToList();
        merger.Merge(surviving, moved, []);
        store.Db.AttachedData.RemoveRange(merged.AttachedData);

        if (DisplayNames.Rank(merged.DisplayNameSource) > DisplayNames.Rank(surviving.DisplayNameSource))
        {
            surviving.DisplayName = merged.DisplayName;
            surviving.DisplayNameSource = merged.DisplayNameSource;
        }

        await store.Db.Consents.Where(c => c.ContactId == merged.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ContactId, surviving.Id), cancellationToken);
        await store.Db.Contacts.Where(c => c.MergedIntoId == merged.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedIntoId, surviving.Id), cancellationToken);

        merged.MergedIntoId = surviving.Id;
        merged.MergedAt = now;
        merged.SinchContactId = null;
        merged.DisplayName = null;
        merged.UpdatedAt = now;
        surviving.UpdatedAt = now;
    }
}
