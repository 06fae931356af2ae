using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Contacts;

/// <summary>Also the wire shape of docs/sinch-wire-format.md §8.</summary>
internal sealed record Contact(
    string Id,
    IReadOnlyList<ChannelIdentity> ChannelIdentities,
    IReadOnlyList<string> ChannelPriority,
    string DisplayName,
    string Email,
    string ExternalId,
    string Language,
    string Metadata)
{
    public const string UnknownName = "Unknown";

    public ChannelIdentity? IdentityOn(string channel) =>
        ChannelIdentities.FirstOrDefault(i => i.Channel == channel);
}

internal sealed record ContactList(IReadOnlyList<Contact> Contacts, string NextPageToken);
