namespace Platform.Contracts;

/// <summary>Sinch reports that a conversation was started (trigger <c>CONVERSATION_START</c>).</summary>
public sealed record SinchConversationStarted
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>The conversation as Sinch reported it.</summary>
    public required SinchConversation Conversation { get; init; }

    /// <summary>Correlation id of the callback, if any.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>When Sinch accepted the event (the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
