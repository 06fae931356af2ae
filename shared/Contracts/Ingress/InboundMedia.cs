namespace Platform.Contracts;

/// <summary>Media a contact sent; the URL is Sinch's or the channel's and should be fetched promptly.</summary>
public sealed record InboundMedia
{
    /// <summary>Where the media can be downloaded.</summary>
    public required string Url { get; init; }

    /// <summary>A thumbnail, when the channel gives one.</summary>
    public string? ThumbnailUrl { get; init; }

    /// <summary>The file name the channel gave, when it gave one.</summary>
    public string? FilenameOverride { get; init; }
}
