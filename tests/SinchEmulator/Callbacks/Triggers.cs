namespace Platform.SinchEmulator.Callbacks;

/// <summary>Webhook trigger names (docs/sinch-wire-format.md §4); the callback body names none of them, only its top-level field.</summary>
internal static class Triggers
{
    public const string MessageInbound = "MESSAGE_INBOUND";
    public const string MessageDelivery = "MESSAGE_DELIVERY";
    public const string EventInbound = "EVENT_INBOUND";
    public const string ConversationStart = "CONVERSATION_START";
    public const string ConversationStop = "CONVERSATION_STOP";
    public const string ContactCreate = "CONTACT_CREATE";
    public const string ContactUpdate = "CONTACT_UPDATE";
    public const string OptIn = "OPT_IN";
    public const string OptOut = "OPT_OUT";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        MessageInbound, "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION", "MESSAGE_SUBMIT", MessageDelivery,
        EventInbound, "EVENT_DELIVERY", ConversationStart, ConversationStop, "CONVERSATION_DELETE",
        ContactCreate, "CONTACT_DELETE", "CONTACT_MERGE", ContactUpdate, "CONTACT_IDENTITIES_DUPLICATION",
        "CAPABILITY", OptIn, OptOut, "CHANNEL_EVENT", "UNSUPPORTED", "SMART_CONVERSATIONS", "RECORD_NOTIFICATION",
    };

    /// <summary>What the platform's ingress subscribes to (docs/sinch-wire-format.md §16); used when a seeded webhook names none.</summary>
    public static readonly IReadOnlyList<string> PlatformDefaults =
    [
        MessageInbound, MessageDelivery, EventInbound, ConversationStart, ConversationStop,
        ContactCreate, ContactUpdate, "CONTACT_MERGE", "CONTACT_DELETE", OptIn, OptOut,
    ];
}
