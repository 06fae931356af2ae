namespace Platform.Contracts;

/// <summary>A channel-level event, e.g. a WhatsApp quality rating change (trigger <c>CHANNEL_EVENT</c>).</summary>
public sealed record ChannelEventReceived
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>Channel, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>Event type as the channel names it (open set).</summary>
    public string? EventType { get; init; }

    /// <summary>The event's <c>additional_data</c> as raw JSON text.</summary>
    public string? AdditionalDataJson { get; init; }

    /// <summary>When Sinch accepted the event (the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
