namespace Platform.Contracts;

/// <summary>Media with a caption that a contact sent.</summary>
public sealed record InboundMediaCard
{
    /// <summary>Where the media can be downloaded.</summary>
    public required string Url { get; init; }

    /// <summary>Caption, when given.</summary>
    public string? Caption { get; init; }
}
