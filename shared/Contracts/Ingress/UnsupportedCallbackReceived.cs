namespace Platform.Contracts;

/// <summary>A channel callback Sinch could not map (trigger <c>UNSUPPORTED</c>); kept for diagnosis.</summary>
public sealed record UnsupportedCallbackReceived
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>Sinch id of the callback, when given.</summary>
    public string? SinchId { get; init; }

    /// <summary>Channel, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>Sinch contact id, when given.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Sinch conversation id, when given.</summary>
    public string? SinchConversationId { get; init; }

    /// <summary>The channel's raw JSON payload. May hold personal data: never log it.</summary>
    public string? Payload { get; init; }

    /// <summary><c>CONVERSATION</c> or <c>DISPATCH</c> (open set).</summary>
    public string? ProcessingMode { get; init; }

    /// <summary>When Sinch accepted the callback (the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
