using Platform.Contracts;

namespace Platform.Contact.Tests.Support;

/// <summary>Ingress's events as contact receives them; one line per arrange.</summary>
public static class Inbound
{
    public const string AppId = "01JAPPCONTACTTESTS00000001";

    public static InboundMessageReceived Text(
        string channel,
        string identity,
        string? sinchContactId = null,
        string? identityAppId = null,
        string? messageMetadata = null,
        string? conversationMetadata = null,
        DateTimeOffset? receivedAt = null,
        string? sinchMessageId = null) => new()
        {
            SinchAppId = AppId,
            SinchMessageId = sinchMessageId ?? $"msg-{Guid.NewGuid():N}",
            SinchConversationId = sinchContactId is null ? null : $"conv-{sinchContactId}",
            SinchContactId = sinchContactId,
            Channel = channel,
            Identity = new ChannelIdentity { Channel = channel, Identity = identity, AppId = identityAppId },
            Kind = InboundMessageKinds.Text,
            Text = "hello",
            MessageMetadata = messageMetadata,
            ConversationMetadata = conversationMetadata,
            ProcessingMode = sinchContactId is null ? "DISPATCH" : "CONVERSATION",
            ReceivedAt = receivedAt ?? DateTimeOffset.UtcNow,
        };

    public static SinchContactChanged ContactChange(
        string change, string sinchContactId, string? displayName, DateTimeOffset occurredAt, string? metadata = null,
        SinchContact? merged = null, params ChannelIdentity[] identities) => new()
        {
            SinchAppId = AppId,
            Change = change,
            Contact = new SinchContact { Id = sinchContactId, DisplayName = displayName, Metadata = metadata, ChannelIdentities = identities },
            MergedContact = merged,
            OccurredAt = occurredAt,
        };

    /// <summary>A fresh identity per test, so tests sharing one database never meet.</summary>
    public static string NewPhone() => "4670" + Random.Shared.NextInt64(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string NewPsid() => Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
