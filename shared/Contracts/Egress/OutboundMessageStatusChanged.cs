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

    /// <summary><c>SUBMITTED</c>, <c>QUEUED_ON_CHANNEL</c>, <c>DELIVERED</c>, <c>READ</c>, <c>FAILED</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Sinch's reason code on failure, e.g. <c>OUTSIDE_ALLOWED_SENDING_WINDOW</c>.</summary>
    public string? FailureCode { get; init; }

    /// <summary>When the status was reached (UTC).</summary>
    public required DateTimeOffset At { get; init; }
}
