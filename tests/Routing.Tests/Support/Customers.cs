using Platform.Contracts;

namespace Platform.Routing.Tests.Support;

/// <summary>Builders of what ingress publishes for a customer: one line per message in a test.</summary>
public static class Customers
{
    public static InboundMessageReceived Text(
        string text, string? sinchConversationId, string identity = "46700000001", string app = "app-1", string channel = "WHATSAPP",
        string? messageId = null, DateTimeOffset? at = null, string? quoting = null) => new()
        {
            SinchAppId = app,
            SinchMessageId = messageId ?? "msg-" + Guid.NewGuid().ToString("N"),
            SinchConversationId = sinchConversationId,
            SinchContactId = sinchConversationId is null ? null : "contact-" + identity,
            Channel = channel,
            Identity = new ChannelIdentity { Channel = channel, Identity = identity },
            Kind = InboundMessageKinds.Text,
            Text = text,
            QuotedMessageId = quoting,
            ProcessingMode = sinchConversationId is null ? "DISPATCH" : "CONVERSATION",
            ReceivedAt = at ?? DateTimeOffset.UtcNow,
        };

    public static InboundMessageReceived Media(string url, string? sinchConversationId, string identity = "46700000001", string app = "app-1") => new()
    {
        SinchAppId = app,
        SinchMessageId = "msg-" + Guid.NewGuid().ToString("N"),
        SinchConversationId = sinchConversationId,
        Channel = "WHATSAPP",
        Identity = new ChannelIdentity { Channel = "WHATSAPP", Identity = identity },
        Kind = InboundMessageKinds.Media,
        Media = new InboundMedia { Url = url, FilenameOverride = "photo.jpg" },
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    public static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    public static string NewIdentity() => "467" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
