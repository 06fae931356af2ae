using System.Text;
using System.Text.Json;
using Platform.Contracts;
using Platform.Ingress.Callbacks;

namespace Platform.Ingress.Tests.Callbacks;

public class CallbackParserTests
{
    private const string App = CallbackSamples.AppId;
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 27, 0, TimeSpan.Zero);

    private static ParsedCallback Parse(string json, string appId = App) => CallbackParser.Parse(appId, Encoding.UTF8.GetBytes(json), Now);

    private static T Event<T>(string json, string trigger)
    {
        var parsed = Parse(json);
        Assert.Equal(trigger, parsed.Trigger);
        Assert.NotEqual(Guid.Empty, parsed.MessageId);
        return Assert.IsType<T>(parsed.Event);
    }

    [Fact]
    public void Quoted_media_message_parses_with_ids_metadata_and_reply()
    {
        var m = Event<InboundMessageReceived>(CallbackSamples.MediaReply, Triggers.MessageInbound);
        Assert.Equal(App, m.SinchAppId);
        Assert.Equal("5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b", m.SinchProjectId);
        Assert.Equal("01JMSG9P1R3T5W7Y9A1C3E5G7J", m.SinchMessageId);
        Assert.Equal("01JCNV5C7E9G1J3M5Q7S9V1X3Z", m.SinchConversationId);
        Assert.Equal("01JCNT4B6D8F0H2K4M6P8R0T2V", m.SinchContactId);
        Assert.Equal("WHATSAPP", m.Channel);
        Assert.Equal(new ChannelIdentity { Channel = "WHATSAPP", Identity = "46701234567" }, m.Identity);
        Assert.Equal("46709876543", m.SenderId);
        Assert.Equal(InboundMessageKinds.Media, m.Kind);
        Assert.Equal("https://media.example-sinch-cdn.net/in/01JMSG9P1R.jpg", m.Media!.Url);
        Assert.Null(m.Text);
        Assert.Equal("01JMSG8N0Q2S4V6X8Z0B2D4F6H", m.QuotedMessageId);
        Assert.Null(m.MessageMetadata);
        Assert.Equal("""{"ticket":"T-1001"}""", m.ConversationMetadata);
        Assert.Equal("T-1001", m.Metadata["ticket"]);
        Assert.Equal("conv-2f1e-msg-0042", m.CorrelationId);
        Assert.Equal("CONVERSATION", m.ProcessingMode);
        Assert.False(m.Injected);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 26, 53, 571, TimeSpan.Zero), m.ReceivedAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 26, 52, TimeSpan.Zero), m.EventTime);
    }

    [Fact]
    public void Text_message_parses_and_empty_strings_count_as_absent()
    {
        var m = Event<InboundMessageReceived>(CallbackSamples.Text(), Triggers.MessageInbound);
        Assert.Equal(InboundMessageKinds.Text, m.Kind);
        Assert.Equal("Hi, I need help with order 4711", m.Text);
        Assert.Null(m.QuotedMessageId);
        Assert.Null(m.ConversationMetadata);
        Assert.Empty(m.Metadata);
        Assert.Null(m.CorrelationId);
        Assert.Null(m.MessageMetadata);
    }

    [Fact]
    public void Dispatch_mode_message_has_no_conversation_or_contact()
    {
        var json = CallbackSamples.Text().Replace("01JCNV5C7E9G1J3M5Q7S9V1X3Z", "", StringComparison.Ordinal)
            .Replace("01JCNT4B6D8F0H2K4M6P8R0T2V", "", StringComparison.Ordinal);
        var m = Event<InboundMessageReceived>(json, Triggers.MessageInbound);
        Assert.Null(m.SinchConversationId);
        Assert.Null(m.SinchContactId);
    }

    [Fact]
    public void Location_message_parses_coordinates_title_and_label()
    {
        var m = Event<InboundMessageReceived>(CallbackSamples.WithContent(
            """{"location_message":{"coordinates":{"latitude":59.3293,"longitude":18.0686},"title":"Office","label":"Drottninggatan 1"}}"""),
            Triggers.MessageInbound);
        Assert.Equal(InboundMessageKinds.Location, m.Kind);
        Assert.Equal(new InboundLocation { Latitude = 59.3293, Longitude = 18.0686, Title = "Office", Label = "Drottninggatan 1" }, m.Location);
        Assert.Equal("MESSENGER", m.Channel);
        Assert.Equal(App, m.Identity.AppId);
    }

    [Fact]
    public void Choice_response_parses_with_the_send_metadata()
    {
        var m = Event<InboundMessageReceived>(CallbackSamples.WithContent(
            """{"choice_response_message":{"message_id":"01JMSG8N0Q2S4V6X8Z0B2D4F6H","postback_data":"csat_yes"}}""", "out-7f3a9c"),
            Triggers.MessageInbound);
        Assert.Equal(InboundMessageKinds.ChoiceResponse, m.Kind);
        Assert.Equal("01JMSG8N0Q2S4V6X8Z0B2D4F6H", m.ChoiceResponse!.MessageId);
        Assert.Equal("csat_yes", m.ChoiceResponse.PostbackData);
        Assert.Equal("out-7f3a9c", m.MessageMetadata);
    }

    [Fact]
    public void Media_card_parses_url_and_caption()
    {
        var m = Event<InboundMessageReceived>(CallbackSamples.WithContent(
            """{"media_card_message":{"url":"https://cdn.example.net/a.png","caption":"my receipt"}}"""), Triggers.MessageInbound);
        Assert.Equal(InboundMessageKinds.MediaCard, m.Kind);
        Assert.Equal(new InboundMediaCard { Url = "https://cdn.example.net/a.png", Caption = "my receipt" }, m.MediaCard);
    }

    [Fact]
    public void Fallback_parses_raw_message_and_reason()
    {
        var m = Event<InboundMessageReceived>(CallbackSamples.WithContent(
            """{"fallback_message":{"raw_message":"{\"sticker\":1}","reason":{"code":"UNKNOWN","description":"unmapped"}}}"""),
            Triggers.MessageInbound);
        Assert.Equal(InboundMessageKinds.Fallback, m.Kind);
        Assert.Equal("""{"sticker":1}""", m.Fallback!.RawMessage);
        Assert.Equal("UNKNOWN", m.Fallback.Reason!.Code);
        Assert.Equal("unmapped", m.Fallback.Reason.Description);
    }

    [Fact]
    public void Product_response_parses_every_product_with_numbers_as_numbers_or_strings()
    {
        var m = Event<InboundMessageReceived>(CallbackSamples.WithContent(
            """{"product_response_message":{"products":[{"id":"sku-1","marketplace":"FACEBOOK","quantity":2,"item_price":19.95,"currency":"EUR"},{"id":"sku-2","marketplace":"FACEBOOK","quantity":"1","item_price":"5","currency":"EUR"}],"text":"my cart","catalog_id":"cat-9"}}"""),
            Triggers.MessageInbound);
        Assert.Equal(InboundMessageKinds.ProductResponse, m.Kind);
        var r = m.ProductResponse!;
        Assert.Equal("my cart", r.Text);
        Assert.Equal("cat-9", r.CatalogId);
        Assert.Equal(2, r.Products.Count);
        Assert.Equal(new InboundProduct { Id = "sku-1", Marketplace = "FACEBOOK", Quantity = 2, ItemPrice = 19.95m, Currency = "EUR" }, r.Products[0]);
        Assert.Equal(1, r.Products[1].Quantity);
        Assert.Equal(5m, r.Products[1].ItemPrice);
    }

    [Fact]
    public void Channel_specific_flow_reply_keeps_its_message_as_json()
    {
        var m = Event<InboundMessageReceived>(CallbackSamples.WithContent(
            """{"channel_specific_message":{"message_type":"nfm_reply","message":{"type":"nfm_reply","nfm_reply":{"name":"flow","response_json":"{\"a\":1}","body":"Sent"}}}}"""),
            Triggers.MessageInbound);
        Assert.Equal(InboundMessageKinds.ChannelSpecific, m.Kind);
        Assert.Equal("nfm_reply", m.ChannelSpecific!.MessageType);
        using var message = JsonDocument.Parse(m.ChannelSpecific.MessageJson!);
        Assert.Equal("flow", message.RootElement.GetProperty("nfm_reply").GetProperty("name").GetString());
    }

    [Fact]
    public void Unknown_content_kind_is_published_as_unknown_with_the_text_reply_kept()
    {
        var m = Event<InboundMessageReceived>(CallbackSamples.WithContent(
            """{"hologram_message":{"x":1},"reply_to":{"message_id":"01JQUOTED00000000000000001"}}"""), Triggers.MessageInbound);
        Assert.Equal(InboundMessageKinds.Unknown, m.Kind);
        Assert.Equal("01JQUOTED00000000000000001", m.QuotedMessageId);
    }

    [Fact]
    public void Delivery_report_parses_status_reason_and_send_metadata()
    {
        var d = Event<DeliveryReportReceived>(CallbackSamples.DeliveryFailed, Triggers.MessageDelivery);
        Assert.Equal("01JMSG8N0Q2S4V6X8Z0B2D4F6H", d.SinchMessageId);
        Assert.Equal("FAILED", d.Status);
        Assert.Equal("OUTSIDE_ALLOWED_SENDING_WINDOW", d.Reason!.Code);
        Assert.Equal("UNSPECIFIED_SUB_CODE", d.Reason.SubCode);
        Assert.StartsWith("The underlying channel reported", d.Reason.Description, StringComparison.Ordinal);
        Assert.Equal("out-7f3a9c", d.MessageMetadata);
        Assert.Equal("conv-2f1e-msg-0042", d.CorrelationId);
        Assert.Equal("WHATSAPP", d.Channel);
        Assert.Equal("46701234567", d.Identity!.Identity);
        Assert.Equal("01JCNV5C7E9G1J3M5Q7S9V1X3Z", d.SinchConversationId);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 27, 12, TimeSpan.Zero), d.OccurredAt);
    }

    [Fact]
    public void Delivery_reports_differ_by_status_and_channel_but_repeat_identically()
    {
        var ids = new[]
        {
            Parse(CallbackSamples.Delivery("QUEUED_ON_CHANNEL")).MessageId,
            Parse(CallbackSamples.Delivery("DELIVERED")).MessageId,
            Parse(CallbackSamples.Delivery("READ")).MessageId,
            Parse(CallbackSamples.Delivery("SWITCHING_CHANNEL", "WHATSAPP")).MessageId,
            Parse(CallbackSamples.Delivery("SWITCHING_CHANNEL", "RCS")).MessageId,
        };
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(ids[1], Parse(CallbackSamples.Delivery("DELIVERED")).MessageId);
        var d = Event<DeliveryReportReceived>(CallbackSamples.Delivery("READ"), Triggers.MessageDelivery);
        Assert.Null(d.Reason);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 27, 11, 1, TimeSpan.Zero), d.OccurredAt);
    }

    [Fact]
    public void Message_submit_keeps_the_submitted_message()
    {
        var s = Event<OutboundMessageSubmitted>(CallbackSamples.MessageSubmit, Triggers.MessageSubmit);
        Assert.Equal("01JMSG8N0Q2S4V6X8Z0B2D4F6H", s.SinchMessageId);
        Assert.Equal("WHATSAPP", s.Channel);
        Assert.Equal("out-7f3a9c", s.MessageMetadata);
        Assert.Contains("text_message", s.SubmittedMessageJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_delivery_report_parses()
    {
        var e = Event<EventDeliveryReportReceived>(CallbackSamples.EventDelivery, Triggers.EventDelivery);
        Assert.Equal("01JEVT0UT00000000000000001", e.SinchEventId);
        Assert.Equal("DELIVERED", e.Status);
        Assert.Equal("typing-1", e.Metadata);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 30, 1, 200, TimeSpan.Zero), e.OccurredAt);
    }

    [Fact]
    public void Composing_and_composing_end_become_typing_changes()
    {
        var started = Event<ContactComposingChanged>(CallbackSamples.Composing, Triggers.EventInbound);
        Assert.True(started.IsComposing);
        Assert.Equal("01JEVT3B5D7F9H1K3M5P7R9T1V", started.SinchEventId);
        Assert.Equal("RCS", started.Channel);
        Assert.Equal("01JCNV5C7E9G1J3M5Q7S9V1X3Z", started.SinchConversationId);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 26, 40, 90, TimeSpan.Zero), started.OccurredAt);

        var ended = Event<ContactComposingChanged>(CallbackSamples.Event("contact_event", """{"composing_end_event":{}}"""), Triggers.EventInbound);
        Assert.False(ended.IsComposing);
    }

    [Fact]
    public void Reaction_comment_deleted_thread_and_generic_events_parse()
    {
        var reaction = Event<ContactEventReceived>(CallbackSamples.Event("contact_message_event",
            """{"reaction_event":{"emoji":"👍","action":"REACTION_ACTION_REACT","message_id":"01JMSG8N0Q2S4V6X8Z0B2D4F6H"}}"""), Triggers.EventInbound);
        Assert.Equal(ContactEventKinds.Reaction, reaction.Kind);
        Assert.Equal(new ContactReaction { Emoji = "👍", Action = "REACTION_ACTION_REACT", MessageId = "01JMSG8N0Q2S4V6X8Z0B2D4F6H" }, reaction.Reaction);

        var comment = Event<ContactEventReceived>(CallbackSamples.Event("contact_event",
            """{"comment_event":{"id":"c-1","text":"nice","comment_type":"FEED","commented_on":"post-1","user":"maria"}}"""), Triggers.EventInbound);
        Assert.Equal(ContactEventKinds.Comment, comment.Kind);
        Assert.Equal("FEED", comment.Comment!.CommentType);

        var deleted = Event<ContactEventReceived>(CallbackSamples.Event("contact_event", """{"conversation_deleted_event":{}}"""), Triggers.EventInbound);
        Assert.Equal(ContactEventKinds.ConversationDeleted, deleted.Kind);

        var generic = Event<ContactEventReceived>(CallbackSamples.Event("contact_event", """{"generic_event":{"payload":{"k":"v"}}}"""), Triggers.EventInbound);
        Assert.Equal(ContactEventKinds.Generic, generic.Kind);
        Assert.Equal("""{"k":"v"}""", generic.PayloadJson);

        var payment = Event<ContactEventReceived>(CallbackSamples.Event("contact_message_event",
            """{"payment_status_update_event":{"reference_id":"r-1","payment_status":"PAYMENT_STATUS_CAPTURED"}}"""), Triggers.EventInbound);
        Assert.Equal(ContactEventKinds.PaymentStatusUpdate, payment.Kind);
        Assert.Contains("PAYMENT_STATUS_CAPTURED", payment.PayloadJson, StringComparison.Ordinal);

        var shortlink = Event<ContactEventReceived>(CallbackSamples.Event("contact_message_event",
            """{"shortlink_activated_event":{"payload":"p","title":"t","ref":"r","source":"SHORTLINK","type":"OPEN_THREAD","existing_thread":true}}"""), Triggers.EventInbound);
        Assert.Equal(ContactEventKinds.ShortlinkActivated, shortlink.Kind);
    }

    [Fact]
    public void Conversation_start_stop_and_delete_parse()
    {
        var stopped = Event<SinchConversationStopped>(CallbackSamples.ConversationStop, Triggers.ConversationStop);
        Assert.Equal("01JCNV5C7E9G1J3M5Q7S9V1X3Z", stopped.Conversation.Id);
        Assert.Equal("01JCNT4B6D8F0H2K4M6P8R0T2V", stopped.Conversation.SinchContactId);
        Assert.False(stopped.Conversation.Active);
        Assert.Equal("WHATSAPP", stopped.Conversation.ActiveChannel);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 58, 40, TimeSpan.Zero), stopped.Conversation.LastReceivedAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 10, 2, 11, 6, TimeSpan.Zero), stopped.OccurredAt);

        var started = Event<SinchConversationStarted>(CallbackSamples.Conversation("conversation_start_notification"), Triggers.ConversationStart);
        Assert.True(started.Conversation.Active);
        Assert.Null(started.Conversation.LastReceivedAt);
        Assert.Equal("""{"ticket":"T-1001"}""", started.Conversation.MetadataJson);
        Assert.Equal("conv-2f1e", started.Conversation.CorrelationId);

        var deleted = Event<SinchConversationDeleted>(CallbackSamples.Conversation("conversation_delete_notification"), Triggers.ConversationDelete);
        Assert.Equal("01JCNV5C7E9G1J3M5Q7S9V1X3Z", deleted.Conversation.Id);
    }

    [Fact]
    public void Contact_create_from_the_sdk_vector_takes_the_app_from_the_url()
    {
        var c = Event<SinchContactChanged>(CallbackSamples.ContactCreate, Triggers.ContactCreate);
        Assert.Equal(ContactChanges.Created, c.Change);
        Assert.Equal(App, c.SinchAppId);
        Assert.Equal("01FJA8B466Y0R2GNXD78MD9SM1", c.Contact.Id);
        Assert.Equal("New Test Contact", c.Contact.DisplayName);
        Assert.Equal("new.contact@email.com", c.Contact.Email);
        Assert.Null(c.Contact.ExternalId);
        Assert.Equal("EN_US", c.Contact.Language);
        Assert.Equal(new ChannelIdentity { Channel = "SMS", Identity = "48123456789" }, Assert.Single(c.Contact.ChannelIdentities));
        Assert.Equal(new DateTimeOffset(2021, 10, 18, 17, 49, 13, 813, TimeSpan.Zero).AddTicks(6150), c.OccurredAt);
    }

    [Fact]
    public void Contact_update_delete_and_merge_parse()
    {
        var updated = Event<SinchContactChanged>(CallbackSamples.Contact("contact_update_notification"), Triggers.ContactUpdate);
        Assert.Equal(ContactChanges.Updated, updated.Change);
        Assert.Equal("Maria Svensson", updated.Contact.DisplayName);
        Assert.Equal(["WHATSAPP", "MESSENGER"], updated.Contact.ChannelPriority);
        Assert.Equal(App, updated.Contact.ChannelIdentities[1].AppId);
        Assert.Equal("""{"tier":"gold"}""", updated.Contact.Metadata);

        var deleted = Event<SinchContactChanged>(CallbackSamples.Contact("contact_delete_notification"), Triggers.ContactDelete);
        Assert.Equal(ContactChanges.Deleted, deleted.Change);

        var merged = Event<SinchContactChanged>(CallbackSamples.ContactMerge, Triggers.ContactMerge);
        Assert.Equal(ContactChanges.Merged, merged.Change);
        Assert.Equal("01JCNT4B6D8F0H2K4M6P8R0T2V", merged.Contact.Id);
        Assert.Equal("01JCNT9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z", merged.MergedContact!.Id);
    }

    [Fact]
    public void Successive_updates_of_one_contact_get_different_ids()
    {
        var first = Parse(CallbackSamples.Contact("contact_update_notification"));
        var later = Parse(CallbackSamples.Contact("contact_update_notification").Replace("11:00:00.5Z", "11:30:00Z", StringComparison.Ordinal));
        Assert.NotEqual(first.MessageId, later.MessageId);
        Assert.Equal(first.MessageId, Parse(CallbackSamples.Contact("contact_update_notification")).MessageId);
    }

    [Fact]
    public void Identity_duplication_parses()
    {
        var d = Event<ContactIdentitiesDuplicated>(CallbackSamples.IdentitiesDuplication, Triggers.ContactIdentitiesDuplication);
        var duplicate = Assert.Single(d.Duplicates);
        Assert.Equal("SMS", duplicate.Channel);
        Assert.Equal(["01JCNT4B6D8F0H2K4M6P8R0T2V", "01JCNT9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z"], duplicate.SinchContactIds);
    }

    [Fact]
    public void Opt_out_and_opt_in_parse_into_consent_changes()
    {
        var optOut = Event<ConsentChangeReported>(CallbackSamples.Consent("opt_out_notification", "OPT_OUT_SUCCEEDED"), Triggers.OptOut);
        Assert.Equal("OPT_OUT", optOut.Change);
        Assert.Equal("OPT_OUT_SUCCEEDED", optOut.Status);
        Assert.Equal("01JREQ0PT0UT00000000000001", optOut.RequestId);
        Assert.Equal("WHATSAPP", optOut.Channel);
        Assert.Equal(new ChannelIdentity { Channel = "WHATSAPP", Identity = "46701234567" }, optOut.Identity);
        Assert.Equal("01JCNT4B6D8F0H2K4M6P8R0T2V", optOut.SinchContactId);

        var optIn = Event<ConsentChangeReported>(CallbackSamples.OptInFailed, Triggers.OptIn);
        Assert.Equal("OPT_IN", optIn.Change);
        Assert.Equal("OPT_IN_FAILED", optIn.Status);
        Assert.Equal("Channel does not support opt-in", optIn.ErrorDescription);
    }

    [Fact]
    public void Capability_channel_event_unsupported_and_smart_conversation_parse()
    {
        var capability = Event<CapabilityReported>(CallbackSamples.Capability, Triggers.Capability);
        Assert.Equal("CAPABILITY_PARTIAL", capability.CapabilityStatus);
        Assert.Equal(["RICHCARD_STANDALONE", "ACTION_DIAL"], capability.ChannelCapabilities);
        Assert.Equal("RECIPIENT_NOT_REACHABLE", capability.Reason!.Code);

        var channelEvent = Event<ChannelEventReceived>(CallbackSamples.ChannelEvent, Triggers.ChannelEvent);
        Assert.Equal("WHATSAPP_QUALITY_RATING_CHANGED", channelEvent.EventType);
        Assert.Equal("""{"quality_rating":"YELLOW"}""", channelEvent.AdditionalDataJson);

        var unsupported = Event<UnsupportedCallbackReceived>(CallbackSamples.Unsupported, Triggers.Unsupported);
        Assert.Equal("01JUNS0000000000000000001", unsupported.SinchId);
        Assert.Equal("""{"object":"page","entry":[]}""", unsupported.Payload);

        var smart = Event<SmartConversationAnalyzed>(CallbackSamples.SmartConversation, Triggers.SmartConversations);
        Assert.Equal("01JMSG9P1R3T5W7Y9A1C3E5G7J", smart.SinchMessageId);
        Assert.Contains("ml_sentiment_result", smart.AnalysisResultsJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CallbackSamples.RecordNotification, Triggers.RecordNotification)]
    [InlineData(CallbackSamples.FutureTrigger, Triggers.Unknown)]
    [InlineData("""{"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","message_redaction":{"id":"x"}}""", Triggers.MessageInboundRedaction)]
    [InlineData("{}", Triggers.Unknown)]
    public void Trigger_the_platform_does_not_use_parses_to_no_event(string json, string trigger)
    {
        var parsed = Parse(json);
        Assert.Equal(trigger, parsed.Trigger);
        Assert.Null(parsed.Event);
    }

    [Theory]
    [InlineData("""{"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","message":"hello"}""", "'$.message' must be an object.")]
    [InlineData("""{"message":{"id":42,"contact_message":{},"channel_identity":{"channel":"SMS","identity":"1"}}}""", "'$.message.id' must be a string.")]
    [InlineData("""{"message":{"contact_message":{},"channel_identity":{"channel":"SMS","identity":"1"}}}""", "'$.message.id' is required.")]
    [InlineData("""{"message":{"id":"m","contact_message":{"text_message":{"text":"x"}},"channel_identity":{"channel":"SMS","identity":"1"},"injected":"yes"}}""", "'$.message.injected' must be a boolean.")]
    [InlineData("""{"message":{"id":"m","contact_message":{"location_message":{"coordinates":{"latitude":"north","longitude":1}}},"channel_identity":{"channel":"SMS","identity":"1"}}}""", "'$.message.contact_message.location_message.coordinates.latitude' must be a number.")]
    [InlineData("""{"message_delivery_report":{"message_id":"m"}}""", "'$.message_delivery_report.status' is required.")]
    [InlineData("""{"contact_update_notification":{"contact":{"id":"c","channel_identities":{"channel":"SMS"}}}}""", "'$.contact_update_notification.contact.channel_identities' must be an array.")]
    [InlineData("""{"app_id":7}""", "'$.app_id' must be a string.")]
    public void Field_of_the_wrong_type_or_missing_id_names_the_field(string json, string message)
    {
        var e = Assert.Throws<CallbackFormatException>(() => Parse(json));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("""{"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","message":{"id":""")]
    [InlineData("""{"a":1,}""")]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"a string\"")]
    public void Malformed_json_throws_json_exception(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Parse(json));
    }

    [Fact]
    public void Body_naming_another_app_is_refused()
    {
        Assert.Throws<CallbackAppMismatchException>(() => Parse(CallbackSamples.Text(), appId: "01JOTHERAPP000000000000000"));
    }

    [Fact]
    public void Redelivered_callback_has_the_same_message_id_and_other_messages_do_not()
    {
        var first = Parse(CallbackSamples.Text("01JMSGA0000000000000000001"));
        var again = Parse(CallbackSamples.Text("01JMSGA0000000000000000001"));
        var other = Parse(CallbackSamples.Text("01JMSGA0000000000000000002"));
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotEqual(first.MessageId, other.MessageId);
        Assert.Equal(first.MessageId, CallbackMessageIds.For(App, Triggers.MessageInbound, "01JMSGA0000000000000000001"));
    }
}
