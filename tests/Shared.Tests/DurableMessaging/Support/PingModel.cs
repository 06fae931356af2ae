using System.Diagnostics;
using MassTransit;

namespace Platform.Shared.Tests.DurableMessaging.Support;

public sealed record Ping
{
    public Guid PingId { get; init; }
}

/// <summary>Records every Ping with its arrival time, duplicates included.</summary>
public sealed class PingObserver(DurableHost.Received<Ping> received) : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>A message whose schedule token is its id, as MassTransit does for request timeouts (token = request id).</summary>
public sealed record TokenPing
{
    public Guid PingId { get; init; }
}

public sealed class TokenPingObserver(DurableHost.Received<Ping> received) : IConsumer<TokenPing>
{
    public Task Consume(ConsumeContext<TokenPing> context)
    {
        received.Add(new Ping { PingId = context.Message.PingId });
        return Task.CompletedTask;
    }
}

/// <summary>A ping whose arrival records the trace it was consumed in.</summary>
public sealed record TracedPing
{
    public Guid PingId { get; init; }
}

/// <summary>The trace a <see cref="TracedPing"/> arrived in.</summary>
public sealed record TracedArrival(Guid PingId, ActivityTraceId? TraceId);

public sealed class TracedPingObserver(DurableHost.Received<TracedArrival> received) : IConsumer<TracedPing>
{
    public Task Consume(ConsumeContext<TracedPing> context)
    {
        received.Add(new TracedArrival(context.Message.PingId, Activity.Current?.TraceId));
        return Task.CompletedTask;
    }
}
