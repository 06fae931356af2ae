namespace Platform.Media.Downloads;

// Messages inside the media service only (its own queues); other services see the contracts in Platform.Contracts.

/// <summary>Start the download saga of one customer media item (from an inbound message).</summary>
public sealed record StartMediaDownload
{
    public required Guid MediaId { get; init; }

    public required string SinchAppId { get; init; }

    public required string SinchMessageId { get; init; }

    public string? SinchContactId { get; init; }

    public required string Channel { get; init; }

    /// <summary>Pseudonymous key of the sender's channel identity (<see cref="IdentityKeys"/>), for erasure.</summary>
    public required string IdentityKey { get; init; }

    public required string SourceUrl { get; init; }

    public string? FileName { get; init; }
}

/// <summary>Copy one item from its source URL into storage (attempt <see cref="Attempt"/>, from 1).</summary>
public sealed record FetchMedia
{
    public required Guid MediaId { get; init; }

    public required string SourceUrl { get; init; }

    public string? FileName { get; init; }

    public required int Attempt { get; init; }
}

/// <summary>The item is in storage.</summary>
public sealed record MediaFetched
{
    public required Guid MediaId { get; init; }

    public required long Length { get; init; }

    public required string ContentType { get; init; }

    public required string Sha256 { get; init; }

    public string? FileName { get; init; }

    public required int Attempts { get; init; }

    public required DateTimeOffset StoredAt { get; init; }
}

/// <summary>The download gave up; nothing is in storage.</summary>
public sealed record MediaFetchFailed
{
    public required Guid MediaId { get; init; }

    public required string Reason { get; init; }

    public required string Detail { get; init; }

    public required int Attempts { get; init; }

    public required DateTimeOffset FailedAt { get; init; }
}
