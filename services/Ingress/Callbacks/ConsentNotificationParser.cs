using Platform.Contracts;

namespace Platform.Ingress.Callbacks;

/// <summary><c>OPT_IN</c> and <c>OPT_OUT</c> (docs/sinch-wire-format.md, "Other triggers").</summary>
internal static class ConsentNotificationParser
{
    public static ParsedEvent? ParseOptIn(JsonView notification, Envelope envelope) =>
        Parse(notification, envelope, Triggers.OptIn);

    public static ParsedEvent? ParseOptOut(JsonView notification, Envelope envelope) =>
        Parse(notification, envelope, Triggers.OptOut);

    private static ParsedEvent Parse(JsonView notification, Envelope envelope, string trigger)
    {
        var status = notification.String("status") ?? "STATUS_UNSPECIFIED";
        var requestId = notification.String("request_id");
        var channel = notification.String("channel");
        var identity = notification.String("identity");
        var consent = new ConsentChangeReported
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            Change = trigger,
            Status = status,
            RequestId = requestId,
            SinchContactId = notification.String("contact_id"),
            Channel = channel,
            Identity = Identities.Flat(channel, identity),
            ErrorDescription = notification.Object("error_details")?.String("description"),
            ProcessingMode = notification.String("processing_mode"),
            OccurredAt = envelope.AcceptedAt,
        };

        // Opt-outs from MO keywords may carry no request id; Sinch's accepted_time then tells them apart.
        var messageId = envelope.MessageId(trigger, requestId, status, channel, identity, envelope.AcceptedTimeText);
        return new ParsedEvent(consent, messageId, requestId ?? consent.SinchContactId);
    }
}
