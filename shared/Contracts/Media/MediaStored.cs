namespace Platform.Contracts;

/// <summary>Media holds its own copy of a media item; the transcript can point at it.</summary>
public sealed record MediaStored
{
    /// <summary>Our id of the media item.</summary>
    public required Guid MediaId { get; init; }

    /// <summary>The conversation it belongs to.</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>MIME type as detected from the content.</summary>
    public required string ContentType { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>When it was stored (UTC).</summary>
    public required DateTimeOffset StoredAt { get; init; }
}
