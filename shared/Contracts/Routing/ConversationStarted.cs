namespace Platform.Contracts;

/// <summary>Routing opened a conversation for a customer on one Sinch app.</summary>
public sealed record ConversationStarted
{
    /// <summary>The conversation saga's id (<see cref="CorrelationIds.ForSinchConversation"/> in CONVERSATION mode).</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>Sinch's conversation id; empty in DISPATCH mode.</summary>
    public required string SinchConversationId { get; init; }

    /// <summary>The Sinch app the customer wrote to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>The customer's channel identity at the start.</summary>
    public required ChannelIdentity Customer { get; init; }

    /// <summary>When routing opened it (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Our contact id of the customer, once contact resolved it.</summary>
    public Guid? ContactId { get; init; }

    /// <summary><c>CONVERSATION</c> or <c>DISPATCH</c> (open set).</summary>
    public string? ProcessingMode { get; init; }
}
