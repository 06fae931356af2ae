namespace Platform.Contracts;

/// <summary>Channel content that Sinch could not map to a generic message kind.</summary>
public sealed record InboundFallback
{
    /// <summary>The channel's raw message, as Sinch passed it on.</summary>
    public string? RawMessage { get; init; }

    /// <summary>Why Sinch could not map it, when it says.</summary>
    public SinchReason? Reason { get; init; }
}
