namespace Platform.Contracts;

/// <summary>Sinch reported the status of an outbound message (trigger <c>MESSAGE_DELIVERY</c>). Reports arrive out of order.</summary>
public sealed record DeliveryReportReceived
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>Sinch id of the outbound message (the <c>message_id</c> that <c>messages:send</c> returned).</summary>
    public required string SinchMessageId { get; init; }

    /// <summary>
    /// <c>QUEUED_ON_CHANNEL</c>, <c>DELIVERED</c>, <c>READ</c>, <c>FAILED</c>, <c>SWITCHING_CHANNEL</c> (open set).
    /// </summary>
    public required string Status { get; init; }

    /// <summary>Sinch conversation id; absent in DISPATCH mode.</summary>
    public string? SinchConversationId { get; init; }

    /// <summary>Sinch contact id; absent in DISPATCH mode.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Channel the report is about, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>The contact's identity on that channel, when given. Personal data: never log it.</summary>
    public ChannelIdentity? Identity { get; init; }

    /// <summary>Why, on <c>FAILED</c> and <c>SWITCHING_CHANNEL</c>.</summary>
    public SinchReason? Reason { get; init; }

    /// <summary>The <c>message_metadata</c> of the send (egress puts its own outbound id there).</summary>
    public string? MessageMetadata { get; init; }

    /// <summary>The send's correlation id, if any.</summary>
    public string? CorrelationId { get; init; }

    /// <summary><c>CONVERSATION</c> or <c>DISPATCH</c> (open set).</summary>
    public string? ProcessingMode { get; init; }

    /// <summary>When the status was reached (the channel's <c>event_time</c>, else Sinch's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
