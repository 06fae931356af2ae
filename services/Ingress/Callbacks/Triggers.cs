namespace Platform.Ingress.Callbacks;

/// <summary>Sinch webhook trigger names (docs/sinch-wire-format.md, "Triggers").</summary>
public static class Triggers
{
    public const string MessageInbound = "MESSAGE_INBOUND";
    public const string MessageInboundRedaction = "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION";
    public const string MessageSubmit = "MESSAGE_SUBMIT";
    public const string MessageDelivery = "MESSAGE_DELIVERY";
    public const string EventInbound = "EVENT_INBOUND";
    public const string EventDelivery = "EVENT_DELIVERY";
    public const string ConversationStart = "CONVERSATION_START";
    public const string ConversationStop = "CONVERSATION_STOP";
    public const string ConversationDelete = "CONVERSATION_DELETE";
    public const string ContactCreate = "CONTACT_CREATE";
    public const string ContactDelete = "CONTACT_DELETE";
    public const string ContactMerge = "CONTACT_MERGE";
    public const string ContactUpdate = "CONTACT_UPDATE";
    public const string ContactIdentitiesDuplication = "CONTACT_IDENTITIES_DUPLICATION";
    public const string Capability = "CAPABILITY";
    public const string OptIn = "OPT_IN";
    public const string OptOut = "OPT_OUT";
    public const string ChannelEvent = "CHANNEL_EVENT";
    public const string Unsupported = "UNSUPPORTED";
    public const string SmartConversations = "SMART_CONVERSATIONS";
    public const string RecordNotification = "RECORD_NOTIFICATION";

    /// <summary>No known trigger field was present: a trigger newer than this code.</summary>
    public const string Unknown = "UNKNOWN";
}
