namespace Platform.Ingress.Webhooks;

/// <summary>Event ids 1000-1099 belong to Webhooks. Ids only: never bodies, message text, identities or secrets.</summary>
internal static partial class WebhooksLog
{
    [LoggerMessage(1000, LogLevel.Information, "Receiving Sinch callbacks for {AppCount} app(s): {AppIds}")]
    public static partial void AppsConfigured(this ILogger logger, int appCount, string appIds);

    [LoggerMessage(1009, LogLevel.Warning, "No Sinch app is configured: every callback is answered 404. Set Ingress:Apps:{{appId}}:WebhookSecret (Ingress__Apps__{{appId}}__WebhookSecret) per connected app")]
    public static partial void NoAppConfigured(this ILogger logger);

    [LoggerMessage(1001, LogLevel.Debug, "Callback {Trigger} for app {AppId} about {SinchId} published as {MessageId}")]
    public static partial void CallbackPublished(this ILogger logger, string appId, string trigger, string? sinchId, Guid messageId);

    [LoggerMessage(1002, LogLevel.Debug, "Callback {Trigger} for app {AppId} acknowledged without publishing")]
    public static partial void CallbackNotUsed(this ILogger logger, string appId, string trigger);

    [LoggerMessage(1003, LogLevel.Warning, "Callback for app {AppId} has no known trigger field; acknowledged without publishing")]
    public static partial void CallbackTriggerUnknown(this ILogger logger, string appId);

    [LoggerMessage(1010, LogLevel.Warning, "Callback for unknown app {AppId} rejected")]
    public static partial void UnknownApp(this ILogger logger, string appId);

    [LoggerMessage(1011, LogLevel.Warning, "Callback for app {AppId} rejected: signature {Result}")]
    public static partial void SignatureRejected(this ILogger logger, string appId, string result);

    [LoggerMessage(1012, LogLevel.Warning, "Callback for app {AppId} rejected: body over {LimitBytes} bytes")]
    public static partial void BodyTooLarge(this ILogger logger, string appId, int limitBytes);

    [LoggerMessage(1013, LogLevel.Warning, "Callback for app {AppId} rejected: malformed JSON")]
    public static partial void MalformedJson(this ILogger logger, string appId);

    [LoggerMessage(1014, LogLevel.Warning, "Callback {Trigger} for app {AppId} acknowledged but not usable: {Reason}")]
    public static partial void CallbackUnusable(this ILogger logger, string appId, string trigger, string reason);

    [LoggerMessage(1016, LogLevel.Warning, "Callback for app {AppId} rejected: its signature nonce was already accepted")]
    public static partial void NonceReplayed(this ILogger logger, string appId);

    [LoggerMessage(1015, LogLevel.Warning, "Callback for app {AppId} rejected: its body names another app")]
    public static partial void AppMismatch(this ILogger logger, string appId);

    [LoggerMessage(1020, LogLevel.Warning, "Callback {Trigger} for app {AppId} about {SinchId} not published; answered 503 so Sinch retries")]
    public static partial void PublishFailed(this ILogger logger, Exception exception, string appId, string trigger, string? sinchId);
}
