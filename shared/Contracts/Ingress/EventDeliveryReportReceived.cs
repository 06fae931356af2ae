namespace Platform.Contracts;

/// <summary>Sinch reported the status of an outbound event such as a typing indicator (trigger <c>EVENT_DELIVERY</c>).</summary>
public sealed record EventDeliveryReportReceived
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>Sinch id of the outbound event (the <c>event_id</c> that <c>events:send</c> returned).</summary>
    public required string SinchEventId { get; init; }

    /// <summary>Same values as a message delivery status (open set).</summary>
    public required string Status { get; init; }

    /// <summary>Sinch conversation id, when given.</summary>
    public string? SinchConversationId { get; init; }

    /// <summary>Sinch contact id, when given.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Channel the report is about, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>The contact's identity on that channel, when given. Personal data: never log it.</summary>
    public ChannelIdentity? Identity { get; init; }

    /// <summary>Why, on failure.</summary>
    public SinchReason? Reason { get; init; }

    /// <summary>The <c>event_metadata</c> of the send, if any.</summary>
    public string? Metadata { get; init; }

    /// <summary>The send's correlation id, if any.</summary>
    public string? CorrelationId { get; init; }

    /// <summary><c>CONVERSATION</c> or <c>DISPATCH</c> (open set).</summary>
    public string? ProcessingMode { get; init; }

    /// <summary>When the status was reached (the channel's <c>event_time</c>, else Sinch's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
