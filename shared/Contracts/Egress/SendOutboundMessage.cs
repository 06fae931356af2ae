namespace Platform.Contracts;

/// <summary>Command to egress: send a message to a customer through the Conversation API.</summary>
public sealed record SendOutboundMessage
{
    /// <summary>Our id of the outbound message; the egress saga's id and the idempotency key of the send.</summary>
    public required Guid OutboundMessageId { get; init; }

    /// <summary>The conversation the reply belongs to.</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>The Sinch app to send from.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>The recipient: Sinch contact id, or null to address by <see cref="Recipients"/>.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Channel identities in priority order (Sinch tries them in this order when no contact id is given).</summary>
    public IReadOnlyList<ChannelIdentity> Recipients { get; init; } = [];

    /// <summary>What to send.</summary>
    public required OutboundContent Content { get; init; }

    /// <summary>Channels in the order Sinch should try them; empty means Sinch's default.</summary>
    public IReadOnlyList<string> ChannelPriority { get; init; } = [];

    /// <summary>Opaque data echoed back in delivery reports (Sinch <c>message_metadata</c>).</summary>
    public string? Metadata { get; init; }

    /// <summary>Our contact id of the recipient, when known (for listing a contact's messages).</summary>
    public Guid? ContactId { get; init; }

    /// <summary>
    /// The channel of the conversation the reply belongs to (e.g. <c>MMS</c>, <c>WHATSAPP</c>); egress applies that
    /// channel's rules (MMS stays MMS, WhatsApp's 24-hour window) before any call.
    /// </summary>
    public string? ConversationChannel { get; init; }

    /// <summary>Who asked for the send: <c>agent</c>, <c>bot</c> or <c>api</c> (open set).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>Sinch <c>correlation_id</c> to attach to the send; echoed in delivery reports.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>When the send was asked for (UTC).</summary>
    public DateTimeOffset? RequestedAt { get; init; }
}
