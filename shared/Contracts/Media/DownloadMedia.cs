namespace Platform.Contracts;

/// <summary>Command to media: copy a customer's media from the channel's public URL into internal storage.</summary>
public sealed record DownloadMedia
{
    /// <summary>Our id of the media item; the transfer saga's id.</summary>
    public required Guid MediaId { get; init; }

    /// <summary>The conversation the media arrived in.</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>The Sinch message that carried it.</summary>
    public required string SinchMessageId { get; init; }

    /// <summary>The channel's public URL (short-lived on most channels).</summary>
    public required string SourceUrl { get; init; }
}
