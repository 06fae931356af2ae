using System.Security.Cryptography;
using System.Text;
using Platform.Contracts;

namespace Platform.Ingress.Callbacks;

/// <summary>
/// <c>EVENT_INBOUND</c>: the <c>event</c> field (docs/sinch-wire-format.md, "EVENT_INBOUND"). Nothing in it is
/// required: Sinch documents composing events without <c>id</c> or <c>conversation_id</c>.
/// </summary>
internal static class InboundEventParser
{
    public static ParsedEvent? Parse(JsonView inbound, Envelope envelope)
    {
        var id = inbound.String("id");
        var identity = inbound.Object("channel_identity");
        var messageId = id is not null ? envelope.MessageId(Triggers.EventInbound, id) : DerivedMessageId(inbound, identity, envelope);
        var occurredAt = inbound.Timestamp("accept_time") ?? envelope.AcceptedAt;
        var contactEvent = inbound.Object("contact_event");

        if (contactEvent is { } typing && (typing.Has("composing_event") || typing.Has("composing_end_event")))
        {
            var composing = new ContactComposingChanged
            {
                SinchAppId = envelope.AppId,
                SinchProjectId = envelope.ProjectId,
                SinchEventId = id ?? "",
                IsComposing = typing.Has("composing_event"),
                SinchConversationId = inbound.String("conversation_id"),
                SinchContactId = inbound.String("contact_id"),
                Channel = identity?.String("channel"),
                Identity = Identities.Optional(identity),
                OccurredAt = occurredAt,
            };
            return new ParsedEvent(composing, messageId, id);
        }

        var received = new ContactEventReceived
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            SinchEventId = id ?? "",
            Kind = ContactEventKinds.Unknown,
            SinchConversationId = inbound.String("conversation_id"),
            SinchContactId = inbound.String("contact_id"),
            Channel = identity?.String("channel"),
            Identity = Identities.Optional(identity),
            ProcessingMode = inbound.String("processing_mode"),
            OccurredAt = occurredAt,
        };

        return new ParsedEvent(WithKind(received, inbound, contactEvent), messageId, id);
    }

    /// <summary>
    /// An event without Sinch's id is identified by who sent it, when, and what it says: the app, the contact (its
    /// Sinch id, else its channel identity), the event's time and a SHA-256 of the <c>event</c> object as received. A
    /// redelivery repeats all of these, so it gets the same id; two different events differ in time or content.
    /// </summary>
    private static Guid DerivedMessageId(JsonView inbound, JsonView? identity, Envelope envelope)
    {
        var contact = inbound.String("contact_id")
            ?? (identity is { } i ? i.String("channel") + ":" + i.String("identity") : null);
        var time = inbound.String("accept_time") ?? envelope.EventTimeText ?? envelope.AcceptedTimeText;
        var bodyHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(inbound.Element.GetRawText())));
        return envelope.MessageId(Triggers.EventInbound, null, contact, time, bodyHash);
    }

    private static ContactEventReceived WithKind(ContactEventReceived received, JsonView inbound, JsonView? contactEvent)
    {
        if (contactEvent is { } e)
        {
            if (e.Has("conversation_deleted_event"))
            {
                return received with { Kind = ContactEventKinds.ConversationDeleted };
            }

            if (e.Object("comment_event") is { } comment)
            {
                return received with
                {
                    Kind = ContactEventKinds.Comment,
                    Comment = new ContactComment
                    {
                        Id = comment.String("id"),
                        Text = comment.String("text"),
                        CommentType = comment.String("comment_type"),
                        CommentedOn = comment.String("commented_on"),
                        User = comment.String("user"),
                    },
                };
            }

            if (e.Object("generic_event") is { } generic)
            {
                return received with { Kind = ContactEventKinds.Generic, PayloadJson = generic.Raw("payload") };
            }

            return received with { PayloadJson = e.Element.GetRawText() };
        }

        if (inbound.Object("contact_message_event") is { } messageEvent)
        {
            if (messageEvent.Object("reaction_event") is { } reaction)
            {
                return received with
                {
                    Kind = ContactEventKinds.Reaction,
                    Reaction = new ContactReaction
                    {
                        Emoji = reaction.String("emoji"),
                        Action = reaction.String("action"),
                        MessageId = reaction.String("message_id"),
                        Category = reaction.String("reaction_category"),
                    },
                };
            }

            if (messageEvent.Object("payment_status_update_event") is { } payment)
            {
                return received with { Kind = ContactEventKinds.PaymentStatusUpdate, PayloadJson = payment.Element.GetRawText() };
            }

            if (messageEvent.Object("shortlink_activated_event") is { } shortlink)
            {
                return received with { Kind = ContactEventKinds.ShortlinkActivated, PayloadJson = shortlink.Element.GetRawText() };
            }

            return received with { PayloadJson = messageEvent.Element.GetRawText() };
        }

        return received;
    }
}
