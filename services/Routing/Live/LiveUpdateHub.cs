using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Platform.Routing.Live;

/// <summary>The streams open on this replica, by agent; each gets the updates of the conversations it is or was assigned.</summary>
public sealed class LiveUpdateHub
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<LiveUpdate>, byte>> _streams = new();

    public Channel<LiveUpdate> Subscribe(Guid agentId)
    {
        // Bounded: a console that stops reading loses old updates rather than the replica's memory.
        var channel = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        _streams.GetOrAdd(agentId, _ => new()).TryAdd(channel, 0);
        return channel;
    }

    public void Unsubscribe(Guid agentId, Channel<LiveUpdate> channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (_streams.TryGetValue(agentId, out var set))
        {
            set.TryRemove(channel, out _);
        }

        channel.Writer.TryComplete();
    }

    public void Dispatch(LiveUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach (var agentId in new[] { update.AgentId, update.PreviousAgentId }.OfType<Guid>().Distinct())
        {
            if (_streams.TryGetValue(agentId, out var set))
            {
                foreach (var channel in set.Keys)
                {
                    channel.Writer.TryWrite(update);
                }
            }
        }
    }
}
