namespace Platform.Contracts;

/// <summary>
/// A customer message arrived from Sinch (trigger <c>MESSAGE_INBOUND</c>) and its signature checked out.
/// Exactly one content property is set, the one that <see cref="Kind"/> names.
/// </summary>
public sealed record InboundMessageReceived
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>Sinch message id; unique per message, the deduplication key.</summary>
    public required string SinchMessageId { get; init; }

    /// <summary>Sinch conversation id; absent in DISPATCH mode.</summary>
    public string? SinchConversationId { get; init; }

    /// <summary>Sinch contact id; absent in DISPATCH mode.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Channel the message came on, e.g. <c>WHATSAPP</c> (Sinch's open set).</summary>
    public required string Channel { get; init; }

    /// <summary>
    /// Who wrote, as Sinch's <c>channel_identity</c>: phone number or channel-scoped id, with the app id of an
    /// app-scoped identity (Messenger, Instagram, LINE, WeChat). Personal data: never log it.
    /// <see cref="ChannelIdentity.Identity"/> is empty when the callback names only the contact (an older shape Sinch
    /// still documents: <c>channel</c> plus <c>contact_id</c>); <see cref="SinchContactId"/> is then always set and
    /// the identity is the contact's identity on <see cref="Channel"/>.
    /// </summary>
    public required ChannelIdentity Identity { get; init; }

    /// <summary>The business number or id the contact wrote to, when the channel reports it.</summary>
    public string? SenderId { get; init; }

    /// <summary>
    /// Which content kind the message carries: <c>TEXT</c>, <c>MEDIA</c>, <c>LOCATION</c>, <c>CHOICE_RESPONSE</c>,
    /// <c>MEDIA_CARD</c>, <c>FALLBACK</c>, <c>PRODUCT_RESPONSE</c>, <c>CHANNEL_SPECIFIC</c>, or <c>UNKNOWN</c>
    /// for a kind this version does not know (open set).
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>Text of a <c>TEXT</c> message.</summary>
    public string? Text { get; init; }

    /// <summary>Content of a <c>MEDIA</c> message.</summary>
    public InboundMedia? Media { get; init; }

    /// <summary>Content of a <c>LOCATION</c> message.</summary>
    public InboundLocation? Location { get; init; }

    /// <summary>Content of a <c>CHOICE_RESPONSE</c> message.</summary>
    public InboundChoiceResponse? ChoiceResponse { get; init; }

    /// <summary>Content of a <c>MEDIA_CARD</c> message.</summary>
    public InboundMediaCard? MediaCard { get; init; }

    /// <summary>Content of a <c>FALLBACK</c> message (content Sinch could not map).</summary>
    public InboundFallback? Fallback { get; init; }

    /// <summary>Content of a <c>PRODUCT_RESPONSE</c> message.</summary>
    public InboundProductResponse? ProductResponse { get; init; }

    /// <summary>Content of a <c>CHANNEL_SPECIFIC</c> message (e.g. WhatsApp Flows replies).</summary>
    public InboundChannelSpecific? ChannelSpecific { get; init; }

    /// <summary>Sinch id of the message this one quotes (<c>reply_to</c>), when it is a quoted reply.</summary>
    public string? QuotedMessageId { get; init; }

    /// <summary>
    /// The message's own <c>metadata</c>: channel metadata, or for a choice response the <c>message_metadata</c> of
    /// the send that carried the choices.
    /// </summary>
    public string? MessageMetadata { get; init; }

    /// <summary>The conversation metadata Sinch sent in the envelope's <c>message_metadata</c>, as the raw JSON text.</summary>
    public string? ConversationMetadata { get; init; }

    /// <summary>
    /// Top-level entries of <see cref="ConversationMetadata"/> when it is a JSON object: string values as they are,
    /// other values as their JSON text. Empty otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Correlation id from the send or conversation this message belongs to, if any.</summary>
    public string? CorrelationId { get; init; }

    /// <summary><c>CONVERSATION</c> or <c>DISPATCH</c> (open set).</summary>
    public string? ProcessingMode { get; init; }

    /// <summary>True when the message was injected through the API rather than sent by the contact.</summary>
    public bool Injected { get; init; }

    /// <summary>When Sinch received the message (its <c>accept_time</c>, else the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Time the channel reported for the message, if any, UTC.</summary>
    public DateTimeOffset? EventTime { get; init; }
}
