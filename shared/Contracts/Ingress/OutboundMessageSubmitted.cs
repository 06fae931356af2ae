namespace Platform.Contracts;

/// <summary>Sinch handed an outbound message to the channel (trigger <c>MESSAGE_SUBMIT</c>), before any delivery report.</summary>
public sealed record OutboundMessageSubmitted
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>Sinch id of the outbound message.</summary>
    public required string SinchMessageId { get; init; }

    /// <summary>Sinch conversation id; absent in DISPATCH mode.</summary>
    public string? SinchConversationId { get; init; }

    /// <summary>Sinch contact id; absent in DISPATCH mode.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Channel the message was handed to, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>The contact's identity on that channel, when given. Personal data: never log it.</summary>
    public ChannelIdentity? Identity { get; init; }

    /// <summary>The submitted app message as raw JSON text.</summary>
    public string? SubmittedMessageJson { get; init; }

    /// <summary>The <c>message_metadata</c> of the send.</summary>
    public string? MessageMetadata { get; init; }

    /// <summary>The send's correlation id, if any.</summary>
    public string? CorrelationId { get; init; }

    /// <summary><c>CONVERSATION</c> or <c>DISPATCH</c> (open set).</summary>
    public string? ProcessingMode { get; init; }

    /// <summary>When it happened (the channel's <c>event_time</c>, else Sinch's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
