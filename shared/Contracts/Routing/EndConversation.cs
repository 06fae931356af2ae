namespace Platform.Contracts;

/// <summary>Command to routing: end a conversation (from an agent, a bot or an API call). Idempotent.</summary>
public sealed record EndConversation
{
    /// <summary>The conversation saga's id.</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>Who asks: <c>agent</c>, <c>bot</c> or <c>api</c>.</summary>
    public required string RequestedBy { get; init; }

    /// <summary>When it was asked (UTC).</summary>
    public required DateTimeOffset RequestedAt { get; init; }
}
