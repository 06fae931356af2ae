namespace Platform.DurableMessaging.Scheduling;

/// <summary>
/// A message waiting for its time: the serialized payload and the envelope of the <c>ScheduleMessage</c> command that
/// asked for it, keyed by the schedule's token so a repeated command replaces instead of duplicating.
/// </summary>
public sealed class ScheduledMessageEntry
{
    /// <summary>The schedule token (<c>ScheduleMessage.CorrelationId</c>); cancellation names it.</summary>
    public Guid TokenId { get; set; }

    /// <summary>When to send (UTC).</summary>
    public DateTime DueAt { get; set; }

    /// <summary>Where to send.</summary>
    public Uri Destination { get; set; } = null!;

    /// <summary>
    /// The message to send: the payload with the schedule command's envelope; its MessageId is the command's, so a resend
    /// after a crash is a duplicate by id.
    /// </summary>
    public MessageEnvelope Envelope { get; set; } = new();

    /// <summary>
    /// W3C <c>traceparent</c> of the activity that stored the schedule; the delivery continues this trace, so a retry or
    /// timeout through the scheduler stays in the trace of the message that caused it.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; set; }

    /// <summary>When the schedule was stored (UTC).</summary>
    public DateTime Created { get; set; }

    /// <summary>Sends that failed (broker refused or did not confirm in time).</summary>
    public int DeliveryAttempts { get; set; }

    /// <summary>Why the last send failed.</summary>
    public string? LastError { get; set; }

    /// <summary>When it was given up after too many failed sends (UTC); such a row is never claimed again.</summary>
    public DateTime? DeadLettered { get; set; }
}

/// <summary>
/// A cancelled schedule token, kept for a while so that a <c>ScheduleMessage</c> arriving after its cancellation
/// (reordered by concurrent consumers or redelivered) is dropped instead of firing.
/// </summary>
public sealed class ScheduledMessageCancellation
{
    /// <summary>The cancelled token.</summary>
    public Guid TokenId { get; set; }

    /// <summary>When the cancel was sent (UTC), by the sender's clock.</summary>
    public DateTime Cancelled { get; set; }

    /// <summary>The cancel's outbox sequence number, when this service's outbox wrote it; orders it without clocks.</summary>
    public long? Sequence { get; set; }
}
