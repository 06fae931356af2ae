namespace Platform.SinchEmulator.Messages;

internal static partial class MessagesLog // event ids 300-399
{
    [LoggerMessage(301, LogLevel.Information, "Accepted message {MessageId} for app {AppId}")]
    public static partial void MessageAccepted(this ILogger logger, string messageId, string appId);

    [LoggerMessage(302, LogLevel.Debug, "Reported {Status} for message {MessageId}")]
    public static partial void DeliveryReported(this ILogger logger, string messageId, string status);

    [LoggerMessage(303, LogLevel.Information, "Media of message {MessageId} not reachable: {Problem}")]
    public static partial void MediaNotReachable(this ILogger logger, string messageId, string problem);

    [LoggerMessage(304, LogLevel.Information, "Rejected messages:send with {StatusCode}")]
    public static partial void SendRejected(this ILogger logger, int statusCode);
}
