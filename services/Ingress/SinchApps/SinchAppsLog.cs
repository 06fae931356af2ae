namespace Platform.Ingress.SinchApps;

/// <summary>Event ids 1400-1499 belong to SinchApps. Ids only: never secrets.</summary>
internal static partial class SinchAppsLog
{
    [LoggerMessage(1401, LogLevel.Information, "Learned Sinch app {AppId} (version {Version}, connected {Connected})")]
    public static partial void AppLearned(this ILogger logger, string appId, long version, bool connected);

    [LoggerMessage(1402, LogLevel.Warning, "Could not open the webhook secret of app {AppId} (version {Version}); is Ingress:WebhookSecretsKey the same as egress's?")]
    public static partial void SecretUnreadable(this ILogger logger, string appId, long version);

    [LoggerMessage(1403, LogLevel.Debug, "Replica {Replica} asked for the webhook secrets")]
    public static partial void SnapshotRequested(this ILogger logger, string replica);

    [LoggerMessage(1404, LogLevel.Warning, "Could not ask for the webhook secrets; asking again later")]
    public static partial void SnapshotRequestFailed(this ILogger logger, Exception exception);
}
