namespace Platform.Contracts;

/// <summary>
/// Any other event from a contact (trigger <c>EVENT_INBOUND</c>): a reaction, a comment, a deleted thread, a
/// payment status, a shortlink visit or a generic event. Typing is <see cref="ContactComposingChanged"/>.
/// </summary>
public sealed record ContactEventReceived
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>
    /// Sinch event id; empty when Sinch sent none (its documentation shows composing events without one). The bus
    /// message id, derived from the app, the contact, the event time and the event's content, identifies the event
    /// either way.
    /// </summary>
    public required string SinchEventId { get; init; }

    /// <summary>
    /// <c>CONVERSATION_DELETED</c>, <c>COMMENT</c>, <c>GENERIC</c>, <c>REACTION</c>, <c>PAYMENT_STATUS_UPDATE</c>,
    /// <c>SHORTLINK_ACTIVATED</c>, or <c>UNKNOWN</c> (open set).
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>Sinch conversation id; absent in DISPATCH mode.</summary>
    public string? SinchConversationId { get; init; }

    /// <summary>Sinch contact id; absent in DISPATCH mode.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Channel, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>The contact's identity on that channel, when given. Personal data: never log it.</summary>
    public ChannelIdentity? Identity { get; init; }

    /// <summary>The reaction, for <c>REACTION</c>.</summary>
    public ContactReaction? Reaction { get; init; }

    /// <summary>The comment, for <c>COMMENT</c>.</summary>
    public ContactComment? Comment { get; init; }

    /// <summary>
    /// The event's own object as raw JSON text: the payload of <c>GENERIC</c>, the whole event object of
    /// <c>PAYMENT_STATUS_UPDATE</c>, <c>SHORTLINK_ACTIVATED</c> and <c>UNKNOWN</c>.
    /// </summary>
    public string? PayloadJson { get; init; }

    /// <summary><c>CONVERSATION</c> or <c>DISPATCH</c> (open set).</summary>
    public string? ProcessingMode { get; init; }

    /// <summary>When it happened (the event's <c>accept_time</c>, else the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
