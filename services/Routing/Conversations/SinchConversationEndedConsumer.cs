using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.DurableMessaging;
using Platform.Routing.Persistence;

namespace Platform.Routing.Conversations;

/// <summary>
/// The customer side ends a conversation: Sinch's CONVERSATION_STOP (or its deletion) ends our conversation of that
/// Sinch conversation, at the time Sinch reports. Before its first message there is nothing to end.
/// </summary>
[OnlyTransactionalEffects]
public sealed class SinchConversationEndedConsumer(RoutingDbContext db) : IConsumer<SinchConversationStopped>, IConsumer<SinchConversationDeleted>
{
    public Task Consume(ConsumeContext<SinchConversationStopped> context) =>
        EndAsync(context, context.Message.SinchAppId, context.Message.Conversation.Id, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SinchConversationDeleted> context) =>
        EndAsync(context, context.Message.SinchAppId, context.Message.Conversation.Id, context.Message.OccurredAt);

    private async Task EndAsync(ConsumeContext context, string sinchAppId, string sinchConversationId, DateTimeOffset at)
    {
        var key = ConversationThreads.ForSinchConversation(sinchAppId, sinchConversationId);
        var conversationId = await db.Threads.AsNoTracking().Where(t => t.Key == key).Select(t => (Guid?)t.ConversationId)
            .FirstOrDefaultAsync(context.CancellationToken);
        if (conversationId is { } id)
        {
            await context.Publish(new EndConversation { ConversationId = id, RequestedBy = "customer", RequestedAt = at }, context.CancellationToken);
        }
    }
}
