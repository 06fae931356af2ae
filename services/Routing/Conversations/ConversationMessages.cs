using Platform.Contracts;

namespace Platform.Routing.Conversations;

// Messages that stay inside routing: its own consumers talk to the conversation saga through them. They are not in
// shared/Contracts because no other service may depend on them; all correlate on the conversation id.

/// <summary>The intake stored a customer message in the transcript and picked its conversation.</summary>
public sealed record CustomerMessageArrived
{
    public required Guid ConversationId { get; init; }
    public required Guid EntryId { get; init; }
    public required string ThreadKey { get; init; }
    public required InboundMessageReceived Message { get; init; }

    /// <summary>What contact published about this customer before the message reached routing, if anything.</summary>
    public ContactDetails? Contact { get; init; }
}

/// <summary>Contact's view of the customer of a conversation.</summary>
public sealed record ContactDetails
{
    public required Guid ContactId { get; init; }
    public required string DisplayName { get; init; }
    /// <summary>Null when unknown (a merge): the conversation keeps the attributes it has.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>Contact resolved, renamed or merged the conversation's customer.</summary>
public sealed record ConversationContactChanged
{
    public required Guid ConversationId { get; init; }
    public required ContactDetails Contact { get; init; }
}

/// <summary>The bot connector's ask to a bot, sent by the saga and executed outside the saga's row lock.</summary>
public sealed record AskBot
{
    public required Guid ConversationId { get; init; }
    public required Guid BotId { get; init; }
    public required Guid EntryId { get; init; }
}

/// <summary>What the bot answered to one customer message.</summary>
public sealed record BotAnswered
{
    public required Guid ConversationId { get; init; }
    public required Guid BotId { get; init; }
    public IReadOnlyList<OutboundContent> Messages { get; init; } = [];

    /// <summary>The queue's name or id the bot hands the conversation to; null when it keeps it.</summary>
    public string? HandoffQueue { get; init; }
    public bool Handoff { get; init; }
    public string? HandoffReason { get; init; }
    public bool End { get; init; }
}

/// <summary>The bot did not answer (timeouts, errors, open circuit): the conversation goes to the default queue.</summary>
public sealed record BotUnavailable
{
    public required Guid ConversationId { get; init; }
    public required Guid BotId { get; init; }
    public required string Reason { get; init; }
}

/// <summary>An agent (through the API) accepts the conversation offered to them.</summary>
public sealed record AcceptConversation
{
    public required Guid ConversationId { get; init; }
    public required Guid AgentId { get; init; }
}

/// <summary>An agent or supervisor moves the conversation to another queue or agent.</summary>
public sealed record TransferConversation
{
    public required Guid ConversationId { get; init; }
    public Guid? QueueId { get; init; }
    public Guid? AgentId { get; init; }
    public string? Note { get; init; }
}

/// <summary>An agent's reply; the API stored nothing yet, the saga writes the transcript entry and the send.</summary>
public sealed record AgentReply
{
    public required Guid ConversationId { get; init; }
    public required Guid AgentId { get; init; }
    public required Guid OutboundMessageId { get; init; }
    public required OutboundContent Content { get; init; }
}

/// <summary>Asks a queued conversation to look for an agent again (an agent became free).</summary>
public sealed record OfferQueuedConversation
{
    public required Guid ConversationId { get; init; }
}

/// <summary>An agent became available or got capacity back: waiting conversations may be offered to them.</summary>
public sealed record AgentCapacityFreed
{
    public required Guid AgentId { get; init; }
}

/// <summary>Timer: the inactivity warning is due.</summary>
public sealed record InactivityWarningDue
{
    public required Guid ConversationId { get; init; }
    public required Guid TimerId { get; init; }
}

/// <summary>Timer: the conversation was inactive for its queue's inactivity time.</summary>
public sealed record InactivityTimeoutExpired
{
    public required Guid ConversationId { get; init; }
    public required Guid TimerId { get; init; }
}

/// <summary>Timer: the assignee did not reply within the queue's response time.</summary>
public sealed record ResponseTimeoutExpired
{
    public required Guid ConversationId { get; init; }
    public required Guid TimerId { get; init; }
}
