using System.ComponentModel.DataAnnotations;

namespace Platform.Messaging;

/// <summary>How a service's receive endpoints consume and retry; section <c>Messaging</c>.</summary>
public sealed class MessagingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Messaging";

    /// <summary>
    /// Immediate retries, in milliseconds between attempts, before a message is redelivered later or dead-lettered.
    /// Empty means the default 50, 250, 1000 ms (kept out of the initializer for the same binding reason as below).
    /// </summary>
    public int[] RetryIntervalsMs { get; set; } = [];

    /// <summary>The immediate retry intervals in force.</summary>
    public int[] EffectiveRetryIntervalsMs => RetryIntervalsMs.Length > 0 ? RetryIntervalsMs : [50, 250, 1000];

    /// <summary>
    /// Redelivery after the immediate retries failed, in seconds between attempts, through the durable scheduler (only
    /// when the service hosts one). Few and coarse: each one is a row and a round trip through the scheduler queue.
    /// Empty means the default 30 s, 300 s: configuration binding appends to a non-empty default array instead of
    /// replacing it, so the default lives in <see cref="EffectiveRedeliveryIntervalsSeconds"/>.
    /// </summary>
    public int[] RedeliveryIntervalsSeconds { get; set; } = [];

    /// <summary>False turns scheduled redelivery off even when the service hosts a scheduler.</summary>
    public bool ScheduledRedelivery { get; set; } = true;

    /// <summary>The redelivery intervals in force: none when off, the configured ones, else 30 s and 300 s.</summary>
    public int[] EffectiveRedeliveryIntervalsSeconds =>
        !ScheduledRedelivery ? [] : RedeliveryIntervalsSeconds.Length > 0 ? RedeliveryIntervalsSeconds : [30, 300];

    /// <summary>
    /// Longest pause between retries of a message that failed because the database is unreachable; the pauses start at
    /// one second and double. Default 30 000 ms.
    /// </summary>
    [Range(1, 600_000)]
    public int DatabaseOutageMaxRetryIntervalMs { get; set; } = 30_000;

    /// <summary>Messages RabbitMQ hands each endpoint before acknowledgement.</summary>
    [Range(1, 1000)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>Messages one endpoint of one replica handles at once.</summary>
    [Range(1, 1000)]
    public int ConcurrentMessageLimit { get; set; } = 8;
}
