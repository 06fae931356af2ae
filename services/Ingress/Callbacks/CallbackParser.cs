using System.Text.Json;

namespace Platform.Ingress.Callbacks;

/// <summary>
/// Reads a verified callback body into the contract event of its trigger. Sinch puts no trigger name in the body:
/// the trigger is whichever known top-level field is present (docs/sinch-wire-format.md, "Envelope" and "Triggers"), as
/// Sinch's SDKs dispatch.
/// </summary>
public static class CallbackParser
{
    private delegate ParsedEvent? TriggerParser(JsonView payload, Envelope envelope);

    private static readonly (string Field, string Trigger, TriggerParser Parse)[] Fields =
    [
        ("message", Triggers.MessageInbound, InboundMessageParser.Parse),
        ("message_delivery_report", Triggers.MessageDelivery, DeliveryReportParser.ParseMessageDelivery),
        ("event", Triggers.EventInbound, InboundEventParser.Parse),
        ("conversation_start_notification", Triggers.ConversationStart, ConversationNotificationParser.ParseStart),
        ("conversation_stop_notification", Triggers.ConversationStop, ConversationNotificationParser.ParseStop),
        ("conversation_delete_notification", Triggers.ConversationDelete, ConversationNotificationParser.ParseDelete),
        ("contact_create_notification", Triggers.ContactCreate, ContactNotificationParser.ParseCreate),
        ("contact_update_notification", Triggers.ContactUpdate, ContactNotificationParser.ParseUpdate),
        ("contact_delete_notification", Triggers.ContactDelete, ContactNotificationParser.ParseDelete),
        ("contact_merge_notification", Triggers.ContactMerge, ContactNotificationParser.ParseMerge),
        ("duplicated_contact_identities_notification", Triggers.ContactIdentitiesDuplication, ContactNotificationParser.ParseDuplication),
        ("opt_in_notification", Triggers.OptIn, ConsentNotificationParser.ParseOptIn),
        ("opt_out_notification", Triggers.OptOut, ConsentNotificationParser.ParseOptOut),
        ("message_submit_notification", Triggers.MessageSubmit, DeliveryReportParser.ParseMessageSubmit),
        ("event_delivery_report", Triggers.EventDelivery, DeliveryReportParser.ParseEventDelivery),
        ("capability_notification", Triggers.Capability, NotificationParser.ParseCapability),
        ("channel_event_notification", Triggers.ChannelEvent, NotificationParser.ParseChannelEvent),
        ("unsupported_callback", Triggers.Unsupported, NotificationParser.ParseUnsupported),
        ("smart_conversation_notification", Triggers.SmartConversations, NotificationParser.ParseSmartConversation),
        ("message_redaction", Triggers.MessageInboundRedaction, Acknowledge),
        ("record_notification", Triggers.RecordNotification, Acknowledge),
    ];

    private const int MaxDepth = 64;

    /// <summary>
    /// Parses <paramref name="body"/>. Throws <see cref="JsonException"/> for a body that is not a JSON object in valid
    /// UTF-8, <see cref="CallbackFormatException"/> for a callback the platform cannot use (a needed field missing or
    /// of the wrong type), and <see cref="CallbackAppMismatchException"/> when the body names another app than
    /// <paramref name="appId"/>.
    /// </summary>
    public static ParsedCallback Parse(string appId, ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        JsonText.EnsureValidStrings(body.Span, MaxDepth);
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The body is not a JSON object.");
        }

        var root = JsonView.Root(document.RootElement);
        foreach (var (field, trigger, parse) in Fields)
        {
            if (!root.Has(field))
            {
                continue;
            }

            try
            {
                var envelope = Envelope.Read(root, appId, now);
                var payload = root.RequiredObject(field);
                return parse(payload, envelope) is { } parsed
                    ? new ParsedCallback(trigger, parsed.Event, parsed.MessageId, parsed.SinchId)
                    : new ParsedCallback(trigger, null, Guid.Empty, null);
            }
            catch (CallbackFormatException e)
            {
                throw e.InTrigger(trigger);
            }
        }

        _ = Envelope.Read(root, appId, now);
        return new ParsedCallback(Triggers.Unknown, null, Guid.Empty, null);
    }

    private static ParsedEvent? Acknowledge(JsonView payload, Envelope envelope) => null;
}
