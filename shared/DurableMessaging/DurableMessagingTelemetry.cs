using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.DurableMessaging;

/// <summary>
/// Traces of the durable messaging blocks, on the <see cref="PlatformTelemetry.SourceName"/> source that the service
/// defaults already export.
/// </summary>
internal static class DurableMessagingTelemetry
{
    public static readonly ActivitySource Source = new(PlatformTelemetry.SourceName);

    /// <summary>Registers <see cref="DurableMessagingMetrics"/> (once, whichever block asks first).</summary>
    public static IServiceCollection AddDurableMessagingMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<DurableMessagingMetrics>();
        return services;
    }
}

/// <summary>
/// Metrics of the durable messaging blocks, on the <see cref="PlatformTelemetry.SourceName"/> meter created by the
/// host's <see cref="IMeterFactory"/> (so each host, and each test, has its own instruments).
/// </summary>
internal sealed class DurableMessagingMetrics
{
    private readonly ConcurrentDictionary<(string Saga, string State), long> _sagaCounts = new();
    private long _outboxBacklog;
    private long _schedulerBacklog;
    private long _undeliveredBacklog;

    public DurableMessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PlatformTelemetry.SourceName);
        OutboxDeliveryLag = meter.CreateHistogram<double>(
            "platform.outbox.delivery.lag", "s", "Time from writing an outgoing message to the broker confirming it");
        SchedulerDeliveryLag = meter.CreateHistogram<double>(
            "platform.scheduler.delivery.lag", "s", "Time from a scheduled message's due time to the broker confirming it");
        SagaLockWait = meter.CreateHistogram<double>(
            "platform.saga.lock.wait", "s", "Time spent waiting for a saga instance's row lock (SELECT ... FOR UPDATE; inside the outbox, with the inbox claim sent in the same round trip)");
        meter.CreateObservableGauge("platform.sagas",
            () => _sagaCounts.Select(c => new Measurement<long>(c.Value, new("saga", c.Key.Saga), new("state", c.Key.State))),
            "{instance}", "Saga instances by saga and state, as last counted by this replica");
        meter.CreateObservableGauge("platform.outbox.backlog", () => Interlocked.Read(ref _outboxBacklog), "{message}",
            "Bus outbox messages waiting for delivery, as last counted by this replica's delivery service");
        meter.CreateObservableGauge("platform.scheduler.backlog", () => Interlocked.Read(ref _schedulerBacklog), "{message}",
            "Scheduled messages not yet delivered, as last counted by this replica's scheduler");
        meter.CreateObservableGauge("platform.outbox.undelivered", () => Interlocked.Read(ref _undeliveredBacklog), "{message}",
            "Consumed messages whose outgoing messages are not yet delivered, as last counted by this replica's sweep");
    }

    /// <summary>Seconds from writing an outbox row to the broker confirming it.</summary>
    public Histogram<double> OutboxDeliveryLag { get; }

    /// <summary>Seconds a scheduled message was late: broker confirm minus its scheduled time.</summary>
    public Histogram<double> SchedulerDeliveryLag { get; }

    /// <summary>Seconds spent waiting for a saga row lock.</summary>
    public Histogram<double> SagaLockWait { get; }

    public void SetOutboxBacklog(long count) => Interlocked.Exchange(ref _outboxBacklog, count);

    public void SetSchedulerBacklog(long count) => Interlocked.Exchange(ref _schedulerBacklog, count);

    public void SetUndeliveredBacklog(long count) => Interlocked.Exchange(ref _undeliveredBacklog, count);

    /// <summary>The latest counts of one saga by state; a state no longer seen counts 0.</summary>
    public void SetSagaCounts(string saga, IReadOnlyDictionary<string, long> counts)
    {
        foreach (var key in _sagaCounts.Keys.Where(k => k.Saga == saga && !counts.ContainsKey(k.State)))
        {
            _sagaCounts[key] = 0;
        }

        foreach (var (state, count) in counts)
        {
            _sagaCounts[(saga, state)] = count;
        }
    }

    /// <summary>The last count of one saga state, for tests.</summary>
    public long SagaCount(string saga, string state) => _sagaCounts.TryGetValue((saga, state), out var count) ? count : 0;
}
