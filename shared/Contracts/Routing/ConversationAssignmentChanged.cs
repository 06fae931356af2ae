namespace Platform.Contracts;

/// <summary>
/// Who handles a conversation changed: routed to a bot or a queue, offered to an agent, accepted, transferred, taken
/// back after the assignee's response time ran out, or released at the end. One event per change, so a supervisor can
/// follow every step.
/// </summary>
public sealed record ConversationAssignmentChanged
{
    /// <summary>The conversation saga's id.</summary>
    public required Guid ConversationId { get; init; }

    /// <summary>What happened: <c>bot</c>, <c>queued</c>, <c>assigned</c>, <c>accepted</c>, <c>transferred</c>, <c>response-timeout</c>, <c>released</c> (open set).</summary>
    public required string Change { get; init; }

    /// <summary>The bot now handling it, if a bot.</summary>
    public Guid? BotId { get; init; }

    /// <summary>The queue it is in now, if any.</summary>
    public Guid? QueueId { get; init; }

    /// <summary>The agent it is assigned to now, if any.</summary>
    public Guid? AgentId { get; init; }

    /// <summary>The agent it was assigned to before this change, if any.</summary>
    public Guid? PreviousAgentId { get; init; }

    /// <summary>Why, when there is a reason (a bot's handoff reason, a transfer note, <c>bot-unavailable</c>).</summary>
    public string? Reason { get; init; }

    /// <summary>When (UTC).</summary>
    public required DateTimeOffset At { get; init; }
}
