using Microsoft.Extensions.Logging;

namespace Platform.DurableMessaging;

/// <summary>Event ids 9100-9199 belong to the durable messaging blocks.</summary>
internal static partial class DurableMessagingLog
{
    [LoggerMessage(9101, LogLevel.Warning, "Bus outbox delivery of {OutboxId} stopped at message {MessageId}; it will be retried")]
    public static partial void BusOutboxSendFailed(this ILogger logger, Exception exception, Guid outboxId, Guid messageId);

    [LoggerMessage(9102, LogLevel.Error, "Bus outbox delivery loop faulted; retrying after {Delay}")]
    public static partial void BusOutboxLoopFaulted(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(9103, LogLevel.Debug, "Inbox cleanup removed {Count} rows")]
    public static partial void InboxCleaned(this ILogger logger, int count);

    [LoggerMessage(9104, LogLevel.Warning, "Inbox cleanup faulted; retrying after {Delay}")]
    public static partial void InboxCleanupFaulted(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(9105, LogLevel.Debug, "Scheduled message {TokenId} stored, due at {DueAt:O}")]
    public static partial void MessageScheduled(this ILogger logger, Guid tokenId, DateTime dueAt);

    [LoggerMessage(9106, LogLevel.Debug, "Scheduled message {TokenId} cancelled ({Removed} row removed)")]
    public static partial void ScheduleCancelled(this ILogger logger, Guid tokenId, int removed);

    [LoggerMessage(9107, LogLevel.Debug, "Scheduled message {TokenId} ignored: it was cancelled before it arrived")]
    public static partial void ScheduleIgnoredCancelled(this ILogger logger, Guid tokenId);

    [LoggerMessage(9108, LogLevel.Warning, "Scheduled message {TokenId} could not be sent to {Destination}; it will be retried")]
    public static partial void ScheduledSendFailed(this ILogger logger, Exception exception, Guid tokenId, Uri destination);

    [LoggerMessage(9109, LogLevel.Error, "Scheduler delivery loop faulted; retrying after {Delay}")]
    public static partial void SchedulerLoopFaulted(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(9110, LogLevel.Error, "Bus outbox {OutboxId} dead-lettered after {Attempts} failed deliveries: {Reason}")]
    public static partial void BusOutboxDeadLettered(this ILogger logger, Guid outboxId, int attempts, string reason);

    [LoggerMessage(9111, LogLevel.Error, "Scheduled message {TokenId} dead-lettered after {Attempts} failed sends: {Reason}")]
    public static partial void ScheduledMessageDeadLettered(this ILogger logger, Guid tokenId, int attempts, string reason);

    [LoggerMessage(9112, LogLevel.Warning, "Consumer outbox of message {MessageId} was left undelivered; the sweep sent {Count} messages")]
    public static partial void UndeliveredOutboxSwept(this ILogger logger, Guid messageId, int count);

    [LoggerMessage(9113, LogLevel.Warning, "Consumer outbox of message {MessageId} could not be swept; it will be retried")]
    public static partial void UndeliveredSweepFailed(this ILogger logger, Exception exception, Guid messageId);

    [LoggerMessage(9114, LogLevel.Error, "Undelivered consumer outbox sweep faulted; retrying after {Delay}")]
    public static partial void UndeliveredSweepFaulted(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(9115, LogLevel.Debug, "Message {MessageId} for {ConsumerType} was rolled back and is done again, claiming first: {Reason}")]
    public static partial void StepRedoneClaimingFirst(this ILogger logger, Guid messageId, string? consumerType, string reason);
}
