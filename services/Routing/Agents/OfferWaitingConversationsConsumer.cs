using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.DurableMessaging;
using Platform.Routing.Conversations;
using Platform.Routing.Persistence;

namespace Platform.Routing.Agents;

/// <summary>
/// An agent became available or got capacity back: the longest-waiting conversations of the queues the agent serves
/// (as many as the agent has room for) look for an agent again. Each conversation runs the policy itself, under its own
/// lock, so two replicas doing this at once never over-assign.
/// </summary>
[OnlyTransactionalEffects]
public sealed class OfferWaitingConversationsConsumer(RoutingDbContext db) : IConsumer<AgentCapacityFreed>
{
    public async Task Consume(ConsumeContext<AgentCapacityFreed> context)
    {
        var cancellationToken = context.CancellationToken;
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == context.Message.AgentId, cancellationToken);
        if (agent is null || agent.Status != AgentStatuses.Available || agent.ActiveConversations >= agent.Capacity)
        {
            return;
        }

        var queues = await db.Queues.AsNoTracking().Where(q => q.Skill == null || agent.Skills.Contains(q.Skill)).Select(q => q.Id)
            .ToListAsync(cancellationToken);
        var waiting = await db.Conversations.AsNoTracking()
            .Where(c => c.CurrentState == nameof(ConversationStateMachine.Queued) && c.QueueId != null && queues.Contains(c.QueueId.Value))
            .OrderBy(c => c.QueuedAt).ThenBy(c => c.CorrelationId)
            .Select(c => c.CorrelationId)
            .Take(agent.Capacity - agent.ActiveConversations)
            .ToListAsync(cancellationToken);
        foreach (var conversationId in waiting)
        {
            await context.Publish(new OfferQueuedConversation { ConversationId = conversationId }, cancellationToken);
        }
    }
}
