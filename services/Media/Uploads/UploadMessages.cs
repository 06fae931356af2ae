namespace Platform.Media.Uploads;

/// <summary>The upload endpoint stored an item and its saga row; the saga sets the purge timer and announces it.</summary>
public sealed record MediaUploaded
{
    public required Guid MediaId { get; init; }
}

/// <summary>The retention time of a public link is over: purge the copy.</summary>
public sealed record PublicCopyExpired
{
    public required Guid MediaId { get; init; }
}
