namespace Platform.Routing.Conversations;

/// <summary>Event ids 1100-1199 belong to Conversations. Ids only: never identities, names or message text.</summary>
internal static partial class ConversationsLog
{
    [LoggerMessage(1101, LogLevel.Information, "Conversation {ConversationId} opened on app {SinchAppId} ({Channel})")]
    public static partial void ConversationOpened(this ILogger logger, Guid conversationId, string sinchAppId, string channel);

    [LoggerMessage(1102, LogLevel.Information, "Conversation {ConversationId} ended by {EndedBy}")]
    public static partial void ConversationEnded(this ILogger logger, Guid conversationId, string endedBy);

    [LoggerMessage(1103, LogLevel.Information, "Conversation {ConversationId} re-opened")]
    public static partial void ConversationReopened(this ILogger logger, Guid conversationId);

    [LoggerMessage(1104, LogLevel.Information, "Conversation {ConversationId}: {Change} (queue {QueueId}, agent {AgentId}, bot {BotId})")]
    public static partial void AssignmentChanged(this ILogger logger, Guid conversationId, string change, Guid? queueId, Guid? agentId, Guid? botId);

    [LoggerMessage(1105, LogLevel.Warning, "Inbound message {SinchMessageId} is already in the transcript; ignored")]
    public static partial void DuplicateInboundMessage(this ILogger logger, string sinchMessageId);

    [LoggerMessage(1106, LogLevel.Debug, "Inbound message {SinchMessageId} stored for conversation {ConversationId}")]
    public static partial void InboundMessageStored(this ILogger logger, string sinchMessageId, Guid conversationId);

    [LoggerMessage(1107, LogLevel.Debug, "Conversation {ConversationId}: {Event} ignored in state {State}")]
    public static partial void EventIgnored(this ILogger logger, Guid conversationId, string @event, string state);

    [LoggerMessage(1108, LogLevel.Warning, "Conversation {ConversationId}: rule target {TargetKind} {TargetId} does not exist; using the default queue")]
    public static partial void RuleTargetMissing(this ILogger logger, Guid conversationId, string targetKind, Guid targetId);
}
