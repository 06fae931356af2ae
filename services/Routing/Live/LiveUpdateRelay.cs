using MassTransit;
using Platform.Contracts;
using Platform.Routing.Persistence;

namespace Platform.Routing.Live;

/// <summary>Turns the saga's events into live updates (any one replica consumes each; every replica's listener gets it).</summary>
public sealed class LiveUpdateRelay(RoutingDbContext db) : IConsumer<TranscriptEntryAdded>, IConsumer<ConversationAssignmentChanged>
{
    public Task Consume(ConsumeContext<TranscriptEntryAdded> context)
    {
        var added = context.Message;
        return LiveNotifications.NotifyAsync(db,
            new LiveUpdate("transcript-entry", added.ConversationId, added.AgentId, null, added.EntryId, added.Author), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<ConversationAssignmentChanged> context)
    {
        var changed = context.Message;
        return LiveNotifications.NotifyAsync(db,
            new LiveUpdate("assignment", changed.ConversationId, changed.AgentId, changed.PreviousAgentId, null, changed.Change), context.CancellationToken);
    }
}
