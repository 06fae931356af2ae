using Platform.Contracts;

namespace Platform.Ingress.Callbacks;

/// <summary><c>CONVERSATION_START</c>, <c>CONVERSATION_STOP</c>, <c>CONVERSATION_DELETE</c>: <c>{"conversation": …}</c>.</summary>
internal static class ConversationNotificationParser
{
    // Sinch reports an empty conversation's last_received as the Unix epoch; that means "never".
    private static readonly DateTimeOffset Never = DateTimeOffset.UnixEpoch;

    public static ParsedEvent? ParseStart(JsonView notification, Envelope envelope)
    {
        var conversation = Read(notification);
        var started = new SinchConversationStarted
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            Conversation = conversation,
            CorrelationId = envelope.CorrelationId,
            OccurredAt = envelope.AcceptedAt,
        };
        return new ParsedEvent(started, envelope.MessageId(Triggers.ConversationStart, conversation.Id), conversation.Id);
    }

    public static ParsedEvent? ParseStop(JsonView notification, Envelope envelope)
    {
        var conversation = Read(notification);
        var stopped = new SinchConversationStopped
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            Conversation = conversation,
            CorrelationId = envelope.CorrelationId,
            OccurredAt = envelope.AcceptedAt,
        };
        return new ParsedEvent(stopped, envelope.MessageId(Triggers.ConversationStop, conversation.Id), conversation.Id);
    }

    public static ParsedEvent? ParseDelete(JsonView notification, Envelope envelope)
    {
        var conversation = Read(notification);
        var deleted = new SinchConversationDeleted
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            Conversation = conversation,
            CorrelationId = envelope.CorrelationId,
            OccurredAt = envelope.AcceptedAt,
        };
        return new ParsedEvent(deleted, envelope.MessageId(Triggers.ConversationDelete, conversation.Id), conversation.Id);
    }

    private static SinchConversation Read(JsonView notification)
    {
        var conversation = notification.RequiredObject("conversation");
        var lastReceived = conversation.Timestamp("last_received");
        return new SinchConversation
        {
            Id = conversation.RequiredString("id"),
            SinchContactId = conversation.String("contact_id"),
            Active = conversation.Bool("active"),
            ActiveChannel = conversation.String("active_channel"),
            LastReceivedAt = lastReceived == Never ? null : lastReceived,
            Metadata = conversation.Raw("metadata"),
            MetadataJson = conversation.Raw("metadata_json"),
            CorrelationId = conversation.String("correlation_id"),
        };
    }
}
