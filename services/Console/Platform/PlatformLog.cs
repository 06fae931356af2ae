namespace Platform.Console.Platform;

internal static partial class PlatformLog
{
    [LoggerMessage(1001, LogLevel.Warning, "The platform API did not answer {Method} {Path}")]
    public static partial void PlatformUnreachable(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(1002, LogLevel.Warning, "The platform API answered {Method} {Path} with {Status}")]
    public static partial void PlatformFailed(this ILogger logger, string method, string path, int status);

    [LoggerMessage(1003, LogLevel.Information, "Live updates relayed for agent {AgentId} ended")]
    public static partial void LiveRelayEnded(this ILogger logger, Guid agentId);
}
