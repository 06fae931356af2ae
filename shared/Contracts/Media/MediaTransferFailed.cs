namespace Platform.Contracts;

/// <summary>Media gave up on a transfer (too large, wrong type, unreachable, refused by the SSRF guard).</summary>
public sealed record MediaTransferFailed
{
    /// <summary>Our id of the media item.</summary>
    public required Guid MediaId { get; init; }

    /// <summary>The conversation it belongs to; <see cref="Guid.Empty"/> when unknown (see <see cref="MediaStored.ConversationId"/>).</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>Machine-readable reason, e.g. <c>too-large</c>, <c>unsupported-type</c>, <c>unreachable</c>, <c>blocked-address</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>When it failed (UTC).</summary>
    public required DateTimeOffset FailedAt { get; init; }

    /// <summary>The Sinch message that carried the media (customer media only).</summary>
    public string? SinchMessageId { get; init; }

    /// <summary>The Sinch app of that message (customer media only).</summary>
    public string? SinchAppId { get; init; }

    /// <summary>The channel's URL that could not be copied (customer media only).</summary>
    public string? SourceUrl { get; init; }

    /// <summary>A readable detail of the reason, without personal data.</summary>
    public string? Detail { get; init; }
}
