namespace Platform.Routing.Bots;

/// <summary>Event ids 1300-1399 belong to Bots. Never the secret, never message text.</summary>
internal static partial class BotsLog
{
    [LoggerMessage(1301, LogLevel.Warning, "Bot {BotId} attempt {Attempt} for conversation {ConversationId} failed: {Reason}")]
    public static partial void BotAttemptFailed(this ILogger logger, Guid botId, int attempt, Guid conversationId, string reason);

    [LoggerMessage(1302, LogLevel.Warning, "Bot {BotId} unavailable for conversation {ConversationId} ({Reason}); handing off to the default queue")]
    public static partial void BotUnavailable(this ILogger logger, Guid botId, Guid conversationId, string reason);

    [LoggerMessage(1303, LogLevel.Debug, "Bot {BotId} answered conversation {ConversationId} with {Messages} messages")]
    public static partial void BotAnswered(this ILogger logger, Guid botId, Guid conversationId, int messages);
}
