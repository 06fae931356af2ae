namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Settings of the PostgreSQL inbox/outbox, set in <c>AddPostgresOutbox</c> (or later with
/// <c>services.Configure&lt;PostgresOutboxOptions&gt;</c>): the only options type its services read.
/// </summary>
public sealed class PostgresOutboxOptions
{
    /// <summary>
    /// How long an inbox row is kept after its message was handled, i.e. how late a redelivered duplicate may arrive and
    /// still be recognised. Default 30 minutes (MassTransit's default).
    /// </summary>
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Pause between inbox cleanup sweeps. Default 1 minute.</summary>
    public TimeSpan InboxCleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Inbox rows one cleanup statement deletes; a full batch is followed by the next at once. Default 100.</summary>
    public int InboxCleanupBatchSize { get; set; } = 100;

    /// <summary>Command timeout of the background services' queries (inbox cleanup, bus outbox claim). Default 30 seconds.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

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
    /// claimed again) instead of being retried forever. Default 10: with the doubling wait of
    /// <see cref="BusOutboxRetryDelay"/>, about 8.5 minutes of failures.
    /// </summary>
    public int MaxDeliveryAttempts { get; set; } = 10;

    /// <summary>
    /// Wait before a bus outbox whose delivery failed is claimed again; it doubles with each further failure, up to
    /// <see cref="BusOutboxMaxRetryDelay"/>. A command returned because its receiver has not started yet, or a broker
    /// refusing for a while, gets minutes to recover instead of ten attempts in ten seconds. Default 1 second.
    /// </summary>
    public TimeSpan BusOutboxRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two delivery attempts of one bus outbox. Default 5 minutes.</summary>
    public TimeSpan BusOutboxMaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True when <see cref="UseBusOutbox"/> was called.</summary>
    public bool BusOutboxEnabled { get; private set; }

    /// <summary>How often the bus outbox delivery service looks for rows when nobody woke it. Default 1 second.</summary>
    public TimeSpan BusOutboxQueryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Outboxes one replica delivers at the same time (each in order). Default 4.</summary>
    public int BusOutboxDeliveryConcurrency { get; set; } = 4;

    /// <summary>How long the bus outbox waits for the broker to confirm one message before counting a failed delivery. Default 10 seconds.</summary>
    public TimeSpan BusOutboxSendTimeout { get; set; } = TimeSpan.FromSeconds(10);

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
