namespace Platform.Contracts;

/// <summary>
/// A message was added to a conversation's transcript (customer, bot, agent or system). Carries ids and the kind only,
/// never the content: read the transcript through routing's API.
/// </summary>
public sealed record TranscriptEntryAdded
{
    /// <summary>The conversation saga's id.</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>Routing's id of the transcript entry.</summary>
    public required Guid EntryId { get; init; }

    /// <summary>Who wrote it: <c>customer</c>, <c>bot</c>, <c>agent</c> or <c>system</c>.</summary>
    public required string Author { get; init; }

    /// <summary>The message kind, e.g. <c>TEXT</c>, <c>MEDIA</c>, <c>choice_message</c> (open set).</summary>
    public required string Kind { get; init; }

    /// <summary>Sinch's message id of an inbound message.</summary>
    public string? SinchMessageId { get; init; }

    /// <summary>Our outbound message id of a reply (egress's saga id).</summary>
    public Guid? OutboundMessageId { get; init; }

    /// <summary>The agent the conversation is assigned to, if any, so consoles can filter.</summary>
    public Guid? AgentId { get; init; }

    /// <summary>When the message was written or received (UTC).</summary>
    public required DateTimeOffset At { get; init; }
}
