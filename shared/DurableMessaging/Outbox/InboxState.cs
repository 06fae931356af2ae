namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// One consumed message per consumer: the inbox row that makes a redelivered message have its effects once. Its row
/// lock also serialises duplicates of one message that arrive at the same time.
/// </summary>
public sealed class InboxState
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The original message id (<c>MT-Original-Message-Id</c>, else <c>MessageId</c>).</summary>
    public Guid MessageId { get; set; }

    /// <summary>Stable id of endpoint + consumer + message type, computed by MassTransit.</summary>
    public Guid ConsumerId { get; set; }

    /// <summary>Changes on every transaction that touches the row; helps reading logs of concurrent attempts.</summary>
    public Guid LockId { get; set; }

    /// <summary>When the message was first received (UTC).</summary>
    public DateTime Received { get; set; }

    /// <summary>How many outbox transactions ran for this message (not broker deliveries).</summary>
    public int ReceiveCount { get; set; }

    /// <summary>Expiration of the consumed message, if it had one (UTC).</summary>
    public DateTime? ExpirationTime { get; set; }

    /// <summary>When the consumer committed its effects (UTC); set means never run it again.</summary>
    public DateTime? Consumed { get; set; }

    /// <summary>When every outgoing message reached the broker (UTC); the duplicate detection window starts here.</summary>
    public DateTime? Delivered { get; set; }

    /// <summary>The last outgoing message the broker confirmed.</summary>
    public long? LastSequenceNumber { get; set; }
}
