namespace Platform.Contracts;

/// <summary>An uploaded media item has a public link that channels can fetch until it expires.</summary>
public sealed record MediaPublished
{
    /// <summary>Our id of the media item.</summary>
    public required Guid MediaId { get; init; }

    /// <summary>The unauthenticated public URL (an unguessable token); answers 404 after <see cref="ExpiresAt"/>.</summary>
    public required string PublicUrl { get; init; }

    /// <summary>When the link stops working and the public copy is purged (UTC).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>MIME type as detected from the content.</summary>
    public required string ContentType { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>The uploader's file name, when given.</summary>
    public string? FileName { get; init; }

    /// <summary>The conversation the upload is for, when given.</summary>
    public Guid? ConversationId { get; init; }
}
