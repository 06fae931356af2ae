namespace Platform.Egress.Outbound;

/// <summary>Event ids 1200-1299 belong to Outbound. Ids only: never message text, identities or secrets.</summary>
internal static partial class OutboundLog
{
    [LoggerMessage(1201, LogLevel.Information, "Outbound message {OutboundMessageId} submitted via app {AppId} as Sinch message {SinchMessageId}")]
    public static partial void Submitted(this ILogger logger, Guid outboundMessageId, string appId, string sinchMessageId);

    [LoggerMessage(1202, LogLevel.Information, "Outbound message {OutboundMessageId} refused: {Code}")]
    public static partial void Refused(this ILogger logger, Guid outboundMessageId, string code);

    [LoggerMessage(1203, LogLevel.Warning, "Sinch answered {StatusCode} to outbound message {OutboundMessageId} (attempt {Attempt}); retry in {Delay}")]
    public static partial void RetryScheduled(this ILogger logger, Guid outboundMessageId, int statusCode, int attempt, TimeSpan delay);

    [LoggerMessage(1204, LogLevel.Warning, "Outbound message {OutboundMessageId} of app {AppId} was in flight when handled again; looking it up at Sinch")]
    public static partial void Reconciling(this ILogger logger, Guid outboundMessageId, string appId);

    [LoggerMessage(1205, LogLevel.Warning, "Sinch rejected outbound message {OutboundMessageId} of app {AppId} with {StatusCode}")]
    public static partial void SendRejected(this ILogger logger, Guid outboundMessageId, string appId, int statusCode);

    [LoggerMessage(1206, LogLevel.Debug, "Delivery report of app {AppId} for Sinch message {SinchMessageId} matches no outbound message")]
    public static partial void ReportNotOurs(this ILogger logger, string appId, string sinchMessageId);
}
