namespace Platform.Persistence.Scheduling;

/// <summary>Settings of the durable scheduler; set them in <c>AddPostgresMessageScheduler</c>.</summary>
public sealed class PostgresSchedulerOptions
{
    /// <summary>Longest pause between sweeps; rows stored by another replica fire at most this late. Default 1 second.</summary>
    public TimeSpan QueryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Due rows claimed per transaction. Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a cancelled token is remembered against a late schedule command. Default 1 day.</summary>
    public TimeSpan CancellationRetention { get; set; } = TimeSpan.FromDays(1);
}
