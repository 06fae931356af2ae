namespace Platform.Egress.Sinch;

/// <summary>Event ids 1500-1599 belong to the Sinch client. Ids only: never secrets, tokens, identities or text.</summary>
internal static partial class SinchLog
{
    [LoggerMessage(1501, LogLevel.Debug, "Fetched a Sinch token for app {AppId}, valid {ExpiresInSeconds} s")]
    public static partial void TokenFetched(this ILogger logger, string appId, int expiresInSeconds);
}
