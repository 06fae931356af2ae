using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Contacts;

internal sealed record ContactResolution(Contact Contact, bool Created, bool Renamed);

internal sealed class ContactStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Contact> _contacts = new(StringComparer.Ordinal);

    public Contact? Find(string? id)
    {
        lock (_gate)
        {
            return id is null ? null : _contacts.GetValueOrDefault(id);
        }
    }

    public Contact? FindByIdentity(string channel, string identity)
    {
        lock (_gate)
        {
            return FindByIdentityLocked(channel, identity);
        }
    }

    /// <summary>Finds the contact owning any of the identities, or creates one holding them all (CONVERSATION mode).</summary>
    public ContactResolution Resolve(IReadOnlyList<ChannelIdentity> identities, string? displayName)
    {
        lock (_gate)
        {
            var existing = identities.Select(i => FindByIdentityLocked(i.Channel, i.Identity)).FirstOrDefault(c => c is not null);
            if (existing is null)
            {
                var created = new Contact(SinchIds.New(), identities, [.. identities.Select(i => i.Channel).Distinct()],
                    string.IsNullOrEmpty(displayName) ? Contact.UnknownName : displayName, "", "", "UNSPECIFIED", "");
                _contacts[created.Id] = created;
                return new(created, Created: true, Renamed: false);
            }
            if (!string.IsNullOrEmpty(displayName) && displayName != existing.DisplayName)
            {
                var renamed = existing with { DisplayName = displayName };
                _contacts[renamed.Id] = renamed;
                return new(renamed, Created: false, Renamed: true);
            }
            return new(existing, Created: false, Renamed: false);
        }
    }

    public IReadOnlyList<Contact> All()
    {
        lock (_gate)
        {
            return [.. _contacts.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _contacts.Clear();
        }
    }

    private Contact? FindByIdentityLocked(string channel, string identity) =>
        _contacts.Values.FirstOrDefault(c => c.ChannelIdentities.Any(i => i.Channel == channel && i.Identity == identity));
}
