namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// One bus outbox: the messages written by one <c>SaveChanges</c> outside a consumer. Delivery order holds within one
/// outbox; the delivery service claims a whole outbox with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed class OutboxState
{
    /// <summary>Key, a sequential Guid.</summary>
    public Guid OutboxId { get; set; }

    /// <summary>Changes every time a delivery service claims the outbox.</summary>
    public Guid LockId { get; set; }

    /// <summary>When the outbox was written (UTC), moved to the time of a failed delivery: the claim order between outboxes.</summary>
    public DateTime Created { get; set; }

    /// <summary>When every message reached the broker (UTC).</summary>
    public DateTime? Delivered { get; set; }

    /// <summary>The last message the broker confirmed.</summary>
    public long? LastSequenceNumber { get; set; }

    /// <summary>Deliveries that failed (broker refused or did not confirm in time).</summary>
    public int DeliveryAttempts { get; set; }

    /// <summary>Why the last delivery failed.</summary>
    public string? LastError { get; set; }

    /// <summary>When it was given up after too many failed deliveries (UTC); such an outbox is never claimed again.</summary>
    public DateTime? DeadLettered { get; set; }
}
