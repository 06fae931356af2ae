using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Contacts;
using Platform.SinchEmulator.Conversations;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Messages;

/// <summary>
/// Which channels a send tries, in order (docs/sinch-wire-format.md §5.1): channel_priority_order, else the order of
/// identified_by, else the conversation's active channel, the contact's priority, the app's order.
/// Only channels the app has and the recipient has an identity on are kept.
/// </summary>
internal static class ChannelOrder
{
    public static IReadOnlyList<ChannelIdentity> For(
        SendMessageRequest request, EmulatedApp app, Contact contact, Conversation? activeConversation)
    {
        var given = request.Recipient?.IdentifiedBy?.ChannelIdentities;
        IEnumerable<string> preference = request.ChannelPriorityOrder is { Count: > 0 } explicitOrder
            ? explicitOrder
            : given is { Count: > 0 }
                ? given.Select(i => i.Channel)
                : Enumerable.Empty<string>()
                    .Append(activeConversation?.ActiveChannel ?? "")
                    .Concat(contact.ChannelPriority)
                    .Concat(app.Channels.Select(c => c.Channel));

        IReadOnlyList<ChannelIdentity> identities = given is { Count: > 0 } ? given : contact.ChannelIdentities;
        return [.. preference
            .Where(channel => channel.Length > 0 && app.FindChannel(channel) is not null)
            .Distinct(StringComparer.Ordinal)
            .Select(channel => identities.FirstOrDefault(i => i.Channel == channel))
            .OfType<ChannelIdentity>()
            .Select(i => ChannelScopes.Identity(i.Channel, i.Identity, app.Id))];
    }
}
