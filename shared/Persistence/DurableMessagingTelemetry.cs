using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Persistence;

/// <summary>
/// Traces and metrics of the durable messaging blocks, on the <see cref="PlatformTelemetry.SourceName"/> source and
/// meter that the service defaults already export.
/// </summary>
internal static class DurableMessagingTelemetry
{
    public static readonly ActivitySource Source = new(PlatformTelemetry.SourceName);

    private static readonly Meter Meter = new(PlatformTelemetry.SourceName);

    private static long _outboxBacklog;
    private static long _schedulerBacklog;
    private static long _undeliveredBacklog;
    private static readonly ConcurrentDictionary<(string Saga, string State), long> SagaCounts = new();

    /// <summary>Seconds from writing an outbox row to the broker confirming it.</summary>
    public static readonly Histogram<double> OutboxDeliveryLag = Meter.CreateHistogram<double>(
        "platform.outbox.delivery.lag", "s", "Time from writing an outgoing message to the broker confirming it");

    /// <summary>Seconds a scheduled message was late: broker confirm minus its scheduled time.</summary>
    public static readonly Histogram<double> SchedulerDeliveryLag = Meter.CreateHistogram<double>(
        "platform.scheduler.delivery.lag", "s", "Time from a scheduled message's due time to the broker confirming it");

    /// <summary>Seconds spent waiting for a saga row lock.</summary>
    public static readonly Histogram<double> SagaLockWait = Meter.CreateHistogram<double>(
        "platform.saga.lock.wait", "s", "Time spent waiting for a saga instance's row lock (SELECT ... FOR UPDATE)");

    static DurableMessagingTelemetry()
    {
        Meter.CreateObservableGauge("platform.sagas",
            () => SagaCounts.Select(c => new Measurement<long>(c.Value, new("saga", c.Key.Saga), new("state", c.Key.State))),
            "{instance}", "Saga instances by saga and state, as last counted by this replica");
        Meter.CreateObservableGauge("platform.outbox.backlog", () => Interlocked.Read(ref _outboxBacklog), "{message}",
            "Bus outbox messages waiting for delivery, as last counted by this replica's delivery service");
        Meter.CreateObservableGauge("platform.scheduler.backlog", () => Interlocked.Read(ref _schedulerBacklog), "{message}",
            "Scheduled messages not yet delivered, as last counted by this replica's scheduler");
        Meter.CreateObservableGauge("platform.outbox.undelivered", () => Interlocked.Read(ref _undeliveredBacklog), "{message}",
            "Consumed messages whose outgoing messages are not yet delivered, as last counted by this replica's sweep");
    }

    public static void SetOutboxBacklog(long count) => Interlocked.Exchange(ref _outboxBacklog, count);

    public static void SetSchedulerBacklog(long count) => Interlocked.Exchange(ref _schedulerBacklog, count);

    public static void SetUndeliveredBacklog(long count) => Interlocked.Exchange(ref _undeliveredBacklog, count);

    public static double SecondsSince(DateTime utc) => Math.Max(0, (DateTime.UtcNow - utc).TotalSeconds);

    /// <summary>The latest counts of one saga by state; a state no longer seen counts 0.</summary>
    public static void SetSagaCounts(string saga, IReadOnlyDictionary<string, long> counts)
    {
        foreach (var key in SagaCounts.Keys.Where(k => k.Saga == saga && !counts.ContainsKey(k.State)))
        {
            SagaCounts[key] = 0;
        }

        foreach (var (state, count) in counts)
        {
            SagaCounts[(saga, state)] = count;
        }
    }

    /// <summary>The last count of one saga state, for tests.</summary>
    public static long SagaCount(string saga, string state) => SagaCounts.TryGetValue((saga, state), out var count) ? count : 0;
}
