namespace Platform.Egress.Apps;

/// <summary>Event ids 1100-1199 belong to Apps. Ids only: never secrets, tokens or credentials.</summary>
internal static partial class AppsLog
{
    [LoggerMessage(1101, LogLevel.Information, "Sinch app {AppId} connected in region {Region} with {ChannelCount} channels")]
    public static partial void AppConnected(this ILogger logger, string appId, string region, int channelCount);

    [LoggerMessage(1102, LogLevel.Information, "Credentials of Sinch app {AppId} updated")]
    public static partial void CredentialsUpdated(this ILogger logger, string appId);

    [LoggerMessage(1103, LogLevel.Information, "Webhook secret of Sinch app {AppId} rotated (version {Version})")]
    public static partial void WebhookSecretRotated(this ILogger logger, string appId, long version);

    [LoggerMessage(1104, LogLevel.Information, "Sinch app {AppId} disconnected")]
    public static partial void AppDisconnected(this ILogger logger, string appId);

    [LoggerMessage(1105, LogLevel.Warning, "Sinch refused the credentials of app {AppId}")]
    public static partial void CredentialsRejected(this ILogger logger, string appId);

    [LoggerMessage(1106, LogLevel.Warning, "Sinch region {Region} did not answer for app {AppId}")]
    public static partial void SinchUnreachable(this ILogger logger, Exception exception, string appId, string region);

    [LoggerMessage(1107, LogLevel.Debug, "Published the webhook secrets of {AppCount} apps (request {RequestId})")]
    public static partial void SnapshotPublished(this ILogger logger, int appCount, Guid? requestId);

    [LoggerMessage(1108, LogLevel.Warning, "Could not publish the webhook secrets snapshot; next try in {Delay}")]
    public static partial void SnapshotFailed(this ILogger logger, Exception exception, TimeSpan delay);
}
