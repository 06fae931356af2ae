namespace Platform.SinchEmulator.Callbacks;

internal static partial class CallbacksLog // event ids 200-299
{
    [LoggerMessage(201, LogLevel.Debug, "Delivered {Trigger} callback to webhook {WebhookId} on attempt {Attempt}")]
    public static partial void CallbackDelivered(this ILogger logger, string trigger, string webhookId, int attempt);

    [LoggerMessage(202, LogLevel.Warning, "{Trigger} callback to webhook {WebhookId} failed on attempt {Attempt} ({StatusCode} {Error}); retrying")]
    public static partial void CallbackRetryScheduled(this ILogger logger, string trigger, string webhookId, int attempt, int? statusCode, string? error);

    [LoggerMessage(203, LogLevel.Warning, "{Trigger} callback to webhook {WebhookId} abandoned after attempt {Attempt} ({StatusCode} {Error})")]
    public static partial void CallbackAbandoned(this ILogger logger, string trigger, string webhookId, int attempt, int? statusCode, string? error);
}
