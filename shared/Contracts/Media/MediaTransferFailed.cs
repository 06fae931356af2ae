namespace Platform.Contracts;

/// <summary>Media gave up on a transfer (too large, wrong type, unreachable, refused by the SSRF guard).</summary>
public sealed record MediaTransferFailed
{
    /// <summary>Our id of the media item.</summary>
    public required Guid MediaId { get; init; }

    /// <summary>The conversation it belongs to.</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>Machine-readable reason, e.g. <c>too-large</c>, <c>unsupported-type</c>, <c>unreachable</c>, <c>blocked-address</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>When it failed (UTC).</summary>
    public required DateTimeOffset FailedAt { get; init; }
}
