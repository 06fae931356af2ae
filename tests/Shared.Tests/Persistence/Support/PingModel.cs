using MassTransit;

namespace Platform.Shared.Tests.Persistence.Support;

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
