namespace Platform.Contracts;

/// <summary>Media holds its own copy of a media item; the transcript can point at it.</summary>
public sealed record MediaStored
{
    /// <summary>Our id of the media item.</summary>
    public required Guid MediaId { get; init; }

    /// <summary>
    /// The conversation it belongs to, when the requester knew it (<see cref="DownloadMedia"/>, uploads);
    /// <see cref="Guid.Empty"/> for customer media that media downloaded on its own from an
    /// <see cref="InboundMessageReceived"/>: match those by <see cref="SinchMessageId"/>.
    /// </summary>
    public required Guid ConversationId { get; init; }

    /// <summary>MIME type as detected from the content.</summary>
    public required string ContentType { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>When it was stored (UTC).</summary>
    public required DateTimeOffset StoredAt { get; init; }

    /// <summary>The Sinch message that carried the media (customer media only).</summary>
    public string? SinchMessageId { get; init; }

    /// <summary>The Sinch app of that message (customer media only).</summary>
    public string? SinchAppId { get; init; }

    /// <summary>The channel's URL the media was copied from (customer media only); the transcript swaps it for ours.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>SHA-256 of the content, lowercase hex.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The file name, when the channel or the uploader gave one.</summary>
    public string? FileName { get; init; }
}
