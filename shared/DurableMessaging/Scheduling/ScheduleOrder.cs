using MassTransit;
using Platform.DurableMessaging.Outbox;

namespace Platform.DurableMessaging.Scheduling;

/// <summary>
/// Orders a schedule command against a cancel of the same token, to drop a schedule that was sent before its cancel
/// but arrives after it (a late outbox delivery, concurrent consumers, a redelivery).
/// </summary>
/// <remarks>
/// Commands written by this service's outbox carry the outbox row's sequence number
/// (<see cref="OutboxMessage.SequenceHeader"/>), taken from one database sequence: a cancel written by a transaction
/// that read the schedule's token (the saga row lock orders them) always has the higher number, whatever the replicas'
/// clocks say. Commands from elsewhere fall back to the senders' clocks, so there a reschedule sent within the clock
/// skew after a cancel may be dropped (docs/durable-messaging.md, "Schedule and cancel").
/// </remarks>
internal readonly record struct ScheduleOrder(long? Sequence, DateTime SentAt)
{
    public static ScheduleOrder Of(ConsumeContext context)
    {
        var sent = context.SentTime ?? DateTime.UtcNow;
        sent = sent.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(sent, DateTimeKind.Utc) : sent.ToUniversalTime();
        return new ScheduleOrder(context.Headers.Get<long>(OutboxMessage.SequenceHeader), sent);
    }

    /// <summary>True when this command was sent before (or is) the remembered cancel.</summary>
    public bool IsNotAfter(ScheduledMessageCancellation cancellation) =>
        Sequence is { } sequence && cancellation.Sequence is { } cancelled
            ? sequence <= cancelled
            : SentAt <= cancellation.Cancelled;

    public bool IsAfter(ScheduledMessageCancellation cancellation) => !IsNotAfter(cancellation);

    public void WriteTo(ScheduledMessageCancellation cancellation)
    {
        cancellation.Cancelled = SentAt;
        cancellation.Sequence = Sequence;
    }
}
