using Platform.Contracts;

namespace Platform.Ingress.Callbacks;

/// <summary>
/// Triggers the platform only passes on: <c>CAPABILITY</c>, <c>CHANNEL_EVENT</c>, <c>UNSUPPORTED</c>,
/// <c>SMART_CONVERSATIONS</c> (docs/sinch-wire-format.md, "Other triggers").
/// </summary>
internal static class NotificationParser
{
    public static ParsedEvent? ParseCapability(JsonView notification, Envelope envelope)
    {
        var requestId = notification.String("request_id");
        var channel = notification.String("channel");
        var identity = notification.String("identity");
        var status = notification.String("capability_status") ?? "CAPABILITY_UNKNOWN";
        var capability = new CapabilityReported
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            RequestId = requestId,
            CapabilityStatus = status,
            SinchContactId = notification.String("contact_id"),
            Channel = channel,
            Identity = Identities.Flat(channel, identity),
            ChannelCapabilities = notification.Strings("channel_capabilities"),
            Reason = Reasons.Read(notification.Object("reason")),
            OccurredAt = envelope.AcceptedAt,
        };
        var messageId = envelope.MessageId(Triggers.Capability, requestId, channel, identity, status);
        return new ParsedEvent(capability, messageId, requestId);
    }

    public static ParsedEvent? ParseChannelEvent(JsonView notification, Envelope envelope)
    {
        var channelEvent = notification.RequiredObject("channel_event");
        var received = new ChannelEventReceived
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            Channel = channelEvent.String("channel"),
            EventType = channelEvent.String("event_type"),
            AdditionalDataJson = channelEvent.Raw("additional_data"),
            OccurredAt = envelope.AcceptedAt,
        };
        var messageId = envelope.MessageId(
            Triggers.ChannelEvent, received.Channel, received.EventType, received.AdditionalDataJson, envelope.AcceptedTimeText);
        return new ParsedEvent(received, messageId, null);
    }

    public static ParsedEvent? ParseUnsupported(JsonView callback, Envelope envelope)
    {
        var id = callback.String("id");
        var payload = callback.Raw("payload");
        var unsupported = new UnsupportedCallbackReceived
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            SinchId = id,
            Channel = callback.String("channel") ?? callback.Object("channel_identity")?.String("channel"),
            SinchContactId = callback.String("contact_id"),
            SinchConversationId = callback.String("conversation_id"),
            Payload = payload,
            ProcessingMode = callback.String("processing_mode"),
            OccurredAt = envelope.AcceptedAt,
        };
        var messageId = id is not null
            ? envelope.MessageId(Triggers.Unsupported, id)
            : envelope.MessageId(Triggers.Unsupported, null, payload, envelope.AcceptedTimeText);
        return new ParsedEvent(unsupported, messageId, id);
    }

    public static ParsedEvent? ParseSmartConversation(JsonView notification, Envelope envelope)
    {
        var messageId = notification.String("message_id");
        var analyzed = new SmartConversationAnalyzed
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            SinchMessageId = messageId,
            SinchConversationId = notification.String("conversation_id"),
            SinchContactId = notification.String("contact_id"),
            Channel = notification.String("channel"),
            AnalysisResultsJson = notification.Raw("analysis_results"),
            OccurredAt = envelope.AcceptedAt,
        };
        return new ParsedEvent(analyzed, envelope.MessageId(Triggers.SmartConversations, messageId, envelope.AcceptedTimeText), messageId);
    }
}
