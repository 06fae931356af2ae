using Platform.Contracts;

namespace Platform.Ingress.Callbacks;

/// <summary><c>MESSAGE_DELIVERY</c>, <c>EVENT_DELIVERY</c> and <c>MESSAGE_SUBMIT</c> (docs/sinch-wire-format.md, "MESSAGE_DELIVERY" and "Other triggers").</summary>
internal static class DeliveryReportParser
{
    public static ParsedEvent? ParseMessageDelivery(JsonView report, Envelope envelope)
    {
        var id = report.RequiredString("message_id");
        var status = report.RequiredString("status");
        var identity = report.Object("channel_identity");
        var channel = identity?.String("channel");
        var delivery = new DeliveryReportReceived
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            SinchMessageId = id,
            Status = status,
            SinchConversationId = report.String("conversation_id"),
            SinchContactId = report.String("contact_id"),
            Channel = channel,
            Identity = Identities.Optional(identity),
            Reason = Reasons.Read(report.Object("reason")),
            MessageMetadata = report.Raw("metadata"),
            CorrelationId = envelope.CorrelationId,
            ProcessingMode = report.String("processing_mode"),
            OccurredAt = envelope.EventTime ?? envelope.AcceptedAt,
        };

        // One message can switch channel more than once: the channel is part of what makes a report unique.
        return new ParsedEvent(delivery, envelope.MessageId(Triggers.MessageDelivery, id, status, channel), id);
    }

    public static ParsedEvent? ParseEventDelivery(JsonView report, Envelope envelope)
    {
        var id = report.RequiredString("event_id");
        var status = report.RequiredString("status");
        var identity = report.Object("channel_identity");
        var channel = identity?.String("channel");
        var delivery = new EventDeliveryReportReceived
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            SinchEventId = id,
            Status = status,
            SinchConversationId = report.String("conversation_id"),
            SinchContactId = report.String("contact_id"),
            Channel = channel,
            Identity = Identities.Optional(identity),
            Reason = Reasons.Read(report.Object("reason")),
            Metadata = report.Raw("metadata"),
            CorrelationId = envelope.CorrelationId,
            ProcessingMode = report.String("processing_mode"),
            OccurredAt = envelope.EventTime ?? envelope.AcceptedAt,
        };

        return new ParsedEvent(delivery, envelope.MessageId(Triggers.EventDelivery, id, status, channel), id);
    }

    public static ParsedEvent? ParseMessageSubmit(JsonView notification, Envelope envelope)
    {
        var id = notification.RequiredString("message_id");
        var identity = notification.Object("channel_identity");
        var channel = identity?.String("channel");
        var submitted = new OutboundMessageSubmitted
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            SinchMessageId = id,
            SinchConversationId = notification.String("conversation_id"),
            SinchContactId = notification.String("contact_id"),
            Channel = channel,
            Identity = Identities.Optional(identity),
            SubmittedMessageJson = notification.Raw("submitted_message"),
            MessageMetadata = notification.Raw("metadata"),
            CorrelationId = envelope.CorrelationId,
            ProcessingMode = notification.String("processing_mode"),
            OccurredAt = envelope.EventTime ?? envelope.AcceptedAt,
        };

        return new ParsedEvent(submitted, envelope.MessageId(Triggers.MessageSubmit, id, channel), id);
    }
}
