namespace Platform.Contracts;

/// <summary>
/// A conversation ended. Carries no attached data (metadata) by design: the end event is fanned out widely and the
/// data belongs to contact and routing.
/// </summary>
public sealed record ConversationEnded
{
    /// <summary>The conversation saga's id.</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>Sinch's conversation id; egress stops it on Sinch's side. Empty in DISPATCH mode (nothing to stop).</summary>
    public required string SinchConversationId { get; init; }

    /// <summary>The Sinch app of the conversation.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Who ended it: <c>agent</c>, <c>bot</c>, <c>customer</c> (Sinch CONVERSATION_STOP) or <c>inactivity</c>.</summary>
    public required string EndedBy { get; init; }

    /// <summary>When (UTC).</summary>
    public required DateTimeOffset EndedAt { get; init; }
}
