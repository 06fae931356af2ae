namespace Platform.Media.Downloads;

/// <summary>Event ids 4100-4199 belong to Downloads. Ids only: never URLs (they may carry tokens) or identities.</summary>
internal static partial class DownloadsLog
{
    [LoggerMessage(4101, LogLevel.Debug, "Inbound message {SinchMessageId} carries media {MediaId} ({Slot})")]
    public static partial void InboundMediaSeen(this ILogger logger, Guid mediaId, string sinchMessageId, string slot);

    [LoggerMessage(4102, LogLevel.Debug, "Downloading media {MediaId}, attempt {Attempt}")]
    public static partial void FetchStarted(this ILogger logger, Guid mediaId, int attempt);

    [LoggerMessage(4103, LogLevel.Information, "Stored media {MediaId}: {Length} bytes of {ContentType} after {Attempt} attempt(s)")]
    public static partial void FetchStored(this ILogger logger, Guid mediaId, long length, string contentType, int attempt);

    [LoggerMessage(4104, LogLevel.Warning, "Download of media {MediaId} failed ({Reason}) on attempt {Attempt}; retrying in {DelaySeconds} s")]
    public static partial void FetchRetrying(this ILogger logger, Guid mediaId, int attempt, string reason, double delaySeconds);

    [LoggerMessage(4105, LogLevel.Warning, "Download of media {MediaId} failed for good ({Reason}) on attempt {Attempt}")]
    public static partial void FetchFailed(this ILogger logger, Guid mediaId, int attempt, string reason);
}
