namespace Platform.Contracts;

/// <summary>A contact reacted to a message (Messenger, Instagram).</summary>
public sealed record ContactReaction
{
    /// <summary>The emoji.</summary>
    public string? Emoji { get; init; }

    /// <summary><c>REACTION_ACTION_REACT</c>, <c>REACTION_ACTION_UNREACT</c> (open set).</summary>
    public string? Action { get; init; }

    /// <summary>Sinch id of the message reacted to.</summary>
    public string? MessageId { get; init; }

    /// <summary>Reaction category, when given.</summary>
    public string? Category { get; init; }
}
