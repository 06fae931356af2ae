namespace Platform.Ingress.Tests;

/// <summary>
/// Callback bodies as Sinch sends them: the examples of docs/sinch-wire-format.md §12 and §13.3 verbatim, and for
/// the other triggers bodies built from the field lists of §12.3–§12.6.
/// </summary>
internal static class CallbackSamples
{
    public const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
    public const string Secret = "test-webhook-secret-do-not-use";

    /// <summary>§12.3: a quoted media reply with conversation metadata.</summary>
    public const string MediaReply = """
        {
          "app_id": "01JAPP7Q9M2K4W6X8Y0Z1B3C5D", "project_id": "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b",
          "accepted_time": "2025-03-14T09:26:53.589Z", "event_time": "2025-03-14T09:26:52Z",
          "message": {
            "id": "01JMSG9P1R3T5W7Y9A1C3E5G7J", "direction": "TO_APP",
            "contact_message": {
              "media_message": { "url": "https://media.example-sinch-cdn.net/in/01JMSG9P1R.jpg" },
              "reply_to": { "message_id": "01JMSG8N0Q2S4V6X8Z0B2D4F6H" } },
            "channel_identity": { "channel": "WHATSAPP", "identity": "46701234567", "app_id": "" },
            "conversation_id": "01JCNV5C7E9G1J3M5Q7S9V1X3Z", "contact_id": "01JCNT4B6D8F0H2K4M6P8R0T2V",
            "metadata": "", "accept_time": "2025-03-14T09:26:53.571Z", "sender_id": "46709876543",
            "processing_mode": "CONVERSATION", "injected": false },
          "message_metadata": "{\"ticket\":\"T-1001\"}",
          "correlation_id": "conv-2f1e-msg-0042"
        }
        """;

    /// <summary>A text message in the same shape.</summary>
    public static string Text(string messageId = "01JMSGTEXT0000000000000001", string text = "Hi, I need help with order 4711") => Fill("""
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","project_id":"5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b","accepted_time":"2025-03-14T09:26:53.589Z","event_time":"2025-03-14T09:26:52Z",
         "message":{"id":"@messageId@","direction":"TO_APP","contact_message":{"text_message":{"text":"@text@"}},
          "channel_identity":{"channel":"WHATSAPP","identity":"46701234567","app_id":""},
          "conversation_id":"01JCNV5C7E9G1J3M5Q7S9V1X3Z","contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V","metadata":"",
          "accept_time":"2025-03-14T09:26:53.571Z","sender_id":"46709876543","processing_mode":"CONVERSATION","injected":false},
         "message_metadata":"","correlation_id":""}
        """, ("@messageId@", messageId), ("@text@", text));

    /// <summary>An inbound message with the given <c>contact_message</c> content (§12.3 kinds).</summary>
    public static string WithContent(string contactMessage, string metadata = "") => Fill("""
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:26:53.589Z",
         "message":{"id":"01JMSGKIND0000000000000001","direction":"TO_APP","contact_message":@contactMessage@,
          "channel_identity":{"channel":"MESSENGER","identity":"7261934458210573","app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D"},
          "conversation_id":"01JCNV5C7E9G1J3M5Q7S9V1X3Z","contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V","metadata":"@metadata@",
          "accept_time":"2025-03-14T09:26:53.571Z","processing_mode":"CONVERSATION","injected":false},
         "message_metadata":""}
        """, ("@contactMessage@", contactMessage), ("@metadata@", metadata));

    /// <summary>§12.4: a failed delivery report.</summary>
    public const string DeliveryFailed = """
        {
          "app_id": "01JAPP7Q9M2K4W6X8Y0Z1B3C5D", "project_id": "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b",
          "accepted_time": "2025-03-14T09:27:10.412Z", "event_time": "2025-03-14T09:27:12Z",
          "message_delivery_report": {
            "message_id": "01JMSG8N0Q2S4V6X8Z0B2D4F6H", "conversation_id": "01JCNV5C7E9G1J3M5Q7S9V1X3Z",
            "status": "FAILED",
            "channel_identity": { "channel": "WHATSAPP", "identity": "46701234567", "app_id": "" },
            "contact_id": "01JCNT4B6D8F0H2K4M6P8R0T2V",
            "reason": { "code": "OUTSIDE_ALLOWED_SENDING_WINDOW", "sub_code": "UNSPECIFIED_SUB_CODE",
              "description": "The underlying channel reported: more than 24 hours since the customer last replied" },
            "metadata": "out-7f3a9c", "processing_mode": "CONVERSATION" },
          "message_metadata": "", "correlation_id": "conv-2f1e-msg-0042"
        }
        """;

    /// <summary>A delivery report with another status and channel, no reason.</summary>
    public static string Delivery(string status, string channel = "WHATSAPP") => Fill("""
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:27:11.001Z",
         "message_delivery_report":{"message_id":"01JMSG8N0Q2S4V6X8Z0B2D4F6H","conversation_id":"01JCNV5C7E9G1J3M5Q7S9V1X3Z",
          "status":"@status@","channel_identity":{"channel":"@channel@","identity":"46701234567","app_id":""},
          "contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V","metadata":"out-7f3a9c","processing_mode":"CONVERSATION"},
         "message_metadata":""}
        """, ("@status@", status), ("@channel@", channel));

    /// <summary>§12.5: the contact is typing.</summary>
    public const string Composing = """
        { "app_id": "01JAPP7Q9M2K4W6X8Y0Z1B3C5D", "accepted_time": "2025-03-14T09:26:40.101Z",
          "project_id": "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b",
          "event": { "id": "01JEVT3B5D7F9H1K3M5P7R9T1V", "direction": "TO_APP",
            "contact_event": { "composing_event": {} },
            "channel_identity": { "channel": "RCS", "identity": "46701234567", "app_id": "" },
            "contact_id": "01JCNT4B6D8F0H2K4M6P8R0T2V", "conversation_id": "01JCNV5C7E9G1J3M5Q7S9V1X3Z",
            "accept_time": "2025-03-14T09:26:40.090Z", "processing_mode": "CONVERSATION" } }
        """;

    /// <summary>An inbound event with the given <c>contact_event</c> or <c>contact_message_event</c> member.</summary>
    public static string Event(string field, string value) => Fill("""
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:26:40.101Z",
         "event":{"id":"01JEVTKIND0000000000000001","direction":"TO_APP","@field@":@value@,
          "channel_identity":{"channel":"INSTAGRAM","identity":"17841400000000001","app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D"},
          "contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V","conversation_id":"01JCNV5C7E9G1J3M5Q7S9V1X3Z",
          "accept_time":"2025-03-14T09:26:40.090Z","processing_mode":"CONVERSATION"}}
        """, ("@field@", field), ("@value@", value));

    /// <summary>§12.6: conversation stopped.</summary>
    public const string ConversationStop = """
        { "app_id": "01JAPP7Q9M2K4W6X8Y0Z1B3C5D", "accepted_time": "2025-03-14T10:02:11.006Z",
          "project_id": "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b",
          "conversation_stop_notification": { "conversation": {
            "id": "01JCNV5C7E9G1J3M5Q7S9V1X3Z", "app_id": "01JAPP7Q9M2K4W6X8Y0Z1B3C5D",
            "contact_id": "01JCNT4B6D8F0H2K4M6P8R0T2V", "last_received": "2025-03-14T09:58:40Z",
            "active_channel": "WHATSAPP", "active": false, "metadata": "" } } }
        """;

    /// <summary>Conversation start or delete notification (§12.6 with the §7 conversation).</summary>
    public static string Conversation(string field) => Fill("""
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:26:53.601Z","project_id":"5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b",
         "@field@":{"conversation":{"id":"01JCNV5C7E9G1J3M5Q7S9V1X3Z","app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D",
          "contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V","active":true,"active_channel":"WHATSAPP",
          "last_received":"1970-01-01T00:00:00Z","metadata":"","metadata_json":{"ticket":"T-1001"},"correlation_id":"conv-2f1e"}}}
        """, ("@field@", field));

    /// <summary>§13.3's second vector: the .NET SDK's contact-create callback (app_id empty).</summary>
    public const string ContactCreate = """{"app_id":"","accepted_time":"2021-10-18T17:49:13.813615Z","project_id":"e2df3a34-a71b-4448-9db5-a8d2baad28e4","contact_create_notification":{"contact":{"id":"01FJA8B466Y0R2GNXD78MD9SM1","channel_identities":[{"channel":"SMS","identity":"48123456789","app_id":""}],"display_name":"New Test Contact","email":"new.contact@email.com","external_id":"","metadata":"","language":"EN_US"}},"message_metadata":""}""";

    /// <summary>Contact update or delete with the §8 contact.</summary>
    public static string Contact(string field) => Fill("""
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T11:00:00.5Z","project_id":"5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b",
         "@field@":{"contact":{"id":"01JCNT4B6D8F0H2K4M6P8R0T2V",
          "channel_identities":[{"channel":"WHATSAPP","identity":"46701234567","app_id":""},
                                {"channel":"MESSENGER","identity":"7261934458210573","app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D"}],
          "channel_priority":["WHATSAPP","MESSENGER"],"display_name":"Maria Svensson","email":"",
          "external_id":"crm-88412","language":"EN_US","metadata":"{\"tier\":\"gold\"}"}}}
        """, ("@field@", field));

    public const string ContactMerge = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T11:05:00Z",
         "contact_merge_notification":{
          "preserved_contact":{"id":"01JCNT4B6D8F0H2K4M6P8R0T2V","channel_identities":[{"channel":"WHATSAPP","identity":"46701234567","app_id":""}],"display_name":"Maria Svensson","language":"EN_US"},
          "deleted_contact":{"id":"01JCNT9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z","channel_identities":[{"channel":"SMS","identity":"46701234567","app_id":""}],"display_name":"Unknown","language":"UNSPECIFIED"}}}
        """;

    public const string IdentitiesDuplication = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T11:06:00Z",
         "duplicated_contact_identities_notification":{"duplicated_identities":[
          {"channel":"SMS","contact_ids":["01JCNT4B6D8F0H2K4M6P8R0T2V","01JCNT9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z"]}]}}
        """;

    /// <summary>§12.6 opt-in/opt-out notification.</summary>
    public static string Consent(string field, string status, string requestId = "01JREQ0PT0UT00000000000001") => Fill("""
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T12:00:00.123456Z","project_id":"5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b",
         "@field@":{"request_id":"@requestId@","contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V","channel":"WHATSAPP",
          "identity":"46701234567","status":"@status@","processing_mode":"CONVERSATION"}}
        """, ("@field@", field), ("@requestId@", requestId), ("@status@", status));

    public const string OptInFailed = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T12:00:01Z",
         "opt_in_notification":{"request_id":"01JREQ0PT1N000000000000001","contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V","channel":"WHATSAPP",
          "identity":"46701234567","status":"OPT_IN_FAILED","error_details":{"description":"Channel does not support opt-in"},"processing_mode":"CONVERSATION"}}
        """;

    public const string EventDelivery = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:30:00.000Z","event_time":"2025-03-14T09:30:01.2Z",
         "event_delivery_report":{"event_id":"01JEVT0UT00000000000000001","status":"DELIVERED",
          "channel_identity":{"channel":"RCS","identity":"46701234567","app_id":""},"contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V",
          "metadata":"typing-1","processing_mode":"CONVERSATION"},"correlation_id":""}
        """;

    public const string MessageSubmit = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:27:10.500Z",
         "message_submit_notification":{"message_id":"01JMSG8N0Q2S4V6X8Z0B2D4F6H","conversation_id":"01JCNV5C7E9G1J3M5Q7S9V1X3Z",
          "channel_identity":{"channel":"WHATSAPP","identity":"46701234567","app_id":""},"contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V",
          "submitted_message":{"text_message":{"text":"Thanks, your order 4711 ships today."}},"metadata":"out-7f3a9c","processing_mode":"CONVERSATION"},
         "correlation_id":"conv-2f1e-msg-0042"}
        """;

    public const string Capability = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:40:00Z",
         "capability_notification":{"request_id":"01JCAP0000000000000000001","contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V",
          "channel":"RCS","identity":"46701234567","capability_status":"CAPABILITY_PARTIAL",
          "channel_capabilities":["RICHCARD_STANDALONE","ACTION_DIAL"],
          "reason":{"code":"RECIPIENT_NOT_REACHABLE","description":"partial"}}}
        """;

    public const string ChannelEvent = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:50:00Z",
         "channel_event_notification":{"channel_event":{"channel":"WHATSAPP","event_type":"WHATSAPP_QUALITY_RATING_CHANGED",
          "additional_data":{"quality_rating":"YELLOW"}}}}
        """;

    public const string Unsupported = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:51:00Z",
         "unsupported_callback":{"channel":"MESSENGER","payload":"{\"object\":\"page\",\"entry\":[]}","processing_mode":"CONVERSATION",
          "id":"01JUNS0000000000000000001","contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V","conversation_id":"01JCNV5C7E9G1J3M5Q7S9V1X3Z",
          "channel_identity":{"channel":"MESSENGER","identity":"7261934458210573","app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D"}}}
        """;

    public const string SmartConversation = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:52:00Z",
         "smart_conversation_notification":{"contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V","channel_identity":"46701234567","channel":"WHATSAPP",
          "message_id":"01JMSG9P1R3T5W7Y9A1C3E5G7J","conversation_id":"01JCNV5C7E9G1J3M5Q7S9V1X3Z",
          "analysis_results":{"ml_sentiment_result":[{"message":"hi","sentiment":"positive","score":0.9}]}}}
        """;

    public const string RecordNotification = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:53:00Z",
         "record_notification":{"entity_id":"01JMSG9P1R3T5W7Y9A1C3E5G7J","record_status":"EVENT_RECORD_STORED"}}
        """;

    /// <summary>A callback whose trigger field this code does not know (a future Sinch trigger).</summary>
    public const string FutureTrigger = """
        {"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","accepted_time":"2025-03-14T09:54:00Z",
         "brand_new_notification":{"id":"01JNEW0000000000000000001"}}
        """;

    private static string Fill(string template, params (string Name, string Value)[] values) =>
        values.Aggregate(template, (text, v) => text.Replace(v.Name, v.Value, StringComparison.Ordinal));
}
