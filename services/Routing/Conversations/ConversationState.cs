using MassTransit;

namespace Platform.Routing.Conversations;

/// <summary>
/// One conversation with one customer, from the first message to the end (docs/routing.md, "States"). Persisted by the
/// shared PostgreSQL saga repository; <see cref="Version"/> is PostgreSQL's xmin, a second guard behind the row lock.
/// </summary>
public sealed class ConversationState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public uint Version { get; set; }

    /// <summary>The conversation thread this conversation belongs to (docs/routing.md, "Correlation").</summary>
    public string ThreadKey { get; set; } = "";
    public string SinchAppId { get; set; } = "";
    public string? SinchConversationId { get; set; }
    public string? SinchContactId { get; set; }
    public string ProcessingMode { get; set; } = ProcessingModes.Conversation;
    public string Channel { get; set; } = "";

    /// <summary>The customer's channel identity. Personal data: never logged; blanked by an erasure.</summary>
    public string Identity { get; set; } = "";
    public string? IdentityAppId { get; set; }

    public Guid? ContactId { get; set; }
    public string? DisplayName { get; set; }
    public Dictionary<string, string> ContactAttributes { get; set; } = [];
    public Dictionary<string, string> Metadata { get; set; } = [];
    public string? ConversationMetadata { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public int ReopenCount { get; set; }

    public Guid? BotId { get; set; }
    public Guid? QueueId { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public Guid? AgentId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The last agent who had the conversation, for a re-open (only if that agent is available then).</summary>
    public Guid? LastAgentId { get; set; }

    /// <summary>True while the customer's last message has no agent reply yet (the assignee response timer runs).</summary>
    public bool AwaitingAgentReply { get; set; }

    /// <summary>
    /// The current timers' ids: a timer message whose id differs is stale and ignored, so a timer that fires while its
    /// cancel is still on the way changes nothing. Also the scheduler's token ids, to cancel them.
    /// </summary>
    public Guid? InactivityWarningToken { get; set; }
    public Guid? InactivityTimeoutToken { get; set; }
    public Guid? ResponseTimeoutToken { get; set; }
    public DateTimeOffset? InactivityDueAt { get; set; }
    public DateTimeOffset? ResponseDueAt { get; set; }
}

/// <summary>Sinch's processing modes of an app (an open set, compared as strings).</summary>
public static class ProcessingModes
{
    public const string Conversation = "CONVERSATION";
    public const string Dispatch = "DISPATCH";
}
