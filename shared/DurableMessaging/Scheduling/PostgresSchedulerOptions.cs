namespace Platform.DurableMessaging.Scheduling;

/// <summary>Settings of the durable scheduler; set them in <c>AddPostgresMessageScheduler</c>.</summary>
public sealed class PostgresSchedulerOptions
{
    /// <summary>Longest pause between sweeps; rows stored by another replica fire at most this late. Default 1 second.</summary>
    public TimeSpan QueryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Due rows claimed per transaction. Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a cancelled token is remembered against a late schedule command. Default 1 day.</summary>
    public TimeSpan CancellationRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a row whose send failed waits before it is tried again; the rows behind it go on meanwhile, so one
    /// undeliverable message (a bad destination) never holds up every timeout of the service.
    /// </summary>
    public TimeSpan FailedSendRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest one scheduled send may take before it counts as failed. MassTransit keeps retrying a send whose
    /// topology the broker refuses, so without this limit one bad destination would stall the sweep.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Failed sends after which a scheduled message is dead-lettered (kept in <c>scheduled_message</c> with its reason,
    /// never claimed again) instead of being retried forever. Default 10.
    /// </summary>
    public int MaxDeliveryAttempts { get; set; } = 10;
}
