namespace Platform.Contracts;

/// <summary>Egress learned a new status of an outbound message (submitted, delivered, read, failed).</summary>
public sealed record OutboundMessageStatusChanged
{
    /// <summary>Our id of the outbound message.</summary>
    public required Guid OutboundMessageId { get; init; }

    /// <summary>The conversation it belongs to.</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>Sinch's message id, once Sinch accepted the send.</summary>
    public string? SinchMessageId { get; init; }

    /// <summary><c>SUBMITTED</c>, <c>QUEUED_ON_CHANNEL</c>, <c>DELIVERED</c>, <c>READ</c>, <c>FAILED</c> (<see cref="OutboundMessageStatuses"/>).</summary>
    public required string Status { get; init; }

    /// <summary>Sinch's reason code on failure, e.g. <c>OUTSIDE_ALLOWED_SENDING_WINDOW</c>.</summary>
    public string? FailureCode { get; init; }

    /// <summary>When the status was reached (UTC).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The Sinch app the message was sent from.</summary>
    public string? SinchAppId { get; init; }

    /// <summary>The channel Sinch used or reported, when known.</summary>
    public string? Channel { get; init; }

    /// <summary>A readable reason on failure (Sinch's description or the channel rule that refused the send).</summary>
    public string? FailureDescription { get; init; }

    /// <summary>Our contact id of the recipient, copied from the command when known.</summary>
    public Guid? ContactId { get; init; }
}
