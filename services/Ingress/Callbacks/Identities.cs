using Platform.Contracts;

namespace Platform.Ingress.Callbacks;

/// <summary>Sinch's <c>channel_identity</c> object, or the flat <c>channel</c> + <c>identity</c> of some notifications.</summary>
internal static class Identities
{
    public static ChannelIdentity? Optional(JsonView? identity) =>
        identity is { } i && i.String("channel") is { } channel && i.String("identity") is { } value
            ? new ChannelIdentity { Channel = channel, Identity = value, AppId = i.String("app_id") }
            : null;

    public static ChannelIdentity? Flat(string? channel, string? identity) =>
        channel is not null && identity is not null ? new ChannelIdentity { Channel = channel, Identity = identity } : null;
}
