namespace Platform.DurableMessaging.Outbox;

/// <summary>Settings of the PostgreSQL inbox/outbox; set them in <c>AddPostgresOutbox</c>.</summary>
public sealed class PostgresOutboxOptions
{
    /// <summary>
    /// How long an inbox row is kept after its message was handled, i.e. how late a redelivered duplicate may arrive and
    /// still be recognised. Default 30 minutes (MassTransit's default).
    /// </summary>
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Pause between inbox cleanup sweeps. Default 1 minute.</summary>
    public TimeSpan InboxCleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Outgoing messages of one consumed message sent per transaction. MassTransit's default of 1 costs a transaction
    /// per message; 100 sends a chatty consumer's messages in one step.
    /// </summary>
    public int MessageDeliveryLimit { get; set; } = 100;

    /// <summary>
    /// When true (default), every receive endpoint of the bus gets the inbox/outbox, except the scheduler endpoint. When
    /// false, call <c>UsePostgresOutbox&lt;TDbContext&gt;(context)</c> on the endpoints that need it.
    /// </summary>
    public bool OnAllEndpoints { get; set; } = true;

    /// <summary>
    /// How long after its consumer committed an undelivered consumer outbox is left to the message's own handling before
    /// the sweep sends it (its message may have gone to <c>_error</c> meanwhile). Default 1 minute.
    /// </summary>
    public TimeSpan UndeliveredSweepAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Failed deliveries after which a bus outbox is dead-lettered (kept in <c>outbox_state</c> with its reason, never
    /// claimed again) instead of being retried forever. Default 10.
    /// </summary>
    public int MaxDeliveryAttempts { get; set; } = 10;

    /// <summary>True when <see cref="UseBusOutbox"/> was called.</summary>
    public bool BusOutboxEnabled { get; private set; }

    /// <summary>How often the bus outbox delivery service looks for rows when nobody woke it. Default 1 second.</summary>
    public TimeSpan BusOutboxQueryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Outboxes one replica delivers at the same time (each in order). Default 4.</summary>
    public int BusOutboxDeliveryConcurrency { get; set; } = 4;

    /// <summary>
    /// Also route publishes and sends made outside consumers (HTTP handlers) through the outbox: they are stored by the
    /// caller's <c>SaveChangesAsync</c> and delivered afterwards by a background service.
    /// </summary>
    public PostgresOutboxOptions UseBusOutbox()
    {
        BusOutboxEnabled = true;
        return this;
    }
}
