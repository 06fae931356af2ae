namespace Platform.Contracts;

/// <summary>A contact commented on a post (Instagram).</summary>
public sealed record ContactComment
{
    /// <summary>Comment id on the channel.</summary>
    public string? Id { get; init; }

    /// <summary>The comment's text. Personal data: never log it.</summary>
    public string? Text { get; init; }

    /// <summary><c>FEED</c> or <c>LIVE</c> (open set).</summary>
    public string? CommentType { get; init; }

    /// <summary>What was commented on.</summary>
    public string? CommentedOn { get; init; }

    /// <summary>The commenting user as the channel names them.</summary>
    public string? User { get; init; }
}
