namespace Platform.Console.Users;

internal static partial class UsersLog
{
    [LoggerMessage(2001, LogLevel.Information, "Initial admin {UserId} created")]
    public static partial void InitialAdminCreated(this ILogger logger, Guid userId);

    [LoggerMessage(2002, LogLevel.Information, "Agent user {UserId} created for routing agent {AgentId}")]
    public static partial void AgentUserCreated(this ILogger logger, Guid userId, Guid agentId);
}
